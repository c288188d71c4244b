from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from communities.selectors import communities_visible_to
from cop_platform.permissions import can


def community_view(capability: str, *, login_required: bool = True):
    """Load the CoP the viewer may know of (else 404, logged in or not), send a logged-out
    visitor to log in and back, then ask `can()` (else 403). The view gets the community."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            community = get_object_or_404(
                communities_visible_to(request.user).select_related("program", "provider"),
                slug=slug,
            )
            if login_required and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, capability, community):
                raise PermissionDenied
            return view(request, community, *args, **kwargs)

        return wrapper

    return decorator


def refused(request, message: str, *, back_url: str, status: int):
    """Explain why nothing changed, with a way back, and a 4xx status."""
    return render(
        request, "refused.html", {"message": message, "back_url": back_url}, status=status
    )
