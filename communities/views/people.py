from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communities.forms import DeleteAccountForm, NotificationPreferencesForm, ProfileForm
from communities.notifications.preferences import notification_modes
from communities.selectors import (
    home_for,
    own_account,
    profiles_visible_to,
)
from communities.services import (
    LastFacilitatorError,
    delete_account,
    update_notification_preferences,
    update_profile,
)
from communities.services.people import communities_needing_a_successor
from cop_platform.page_parts import home_sections
from cop_platform.permissions import can


def own_person(request, handle: str, capability: str):
    """The viewer's own account under its handle; anyone else's settings 404 like nothing."""
    person = get_object_or_404(own_account(request.user), handle=handle)
    if not can(request.user, capability, person):
        raise PermissionDenied
    return person


def home(request):
    context = {}
    if request.user.is_authenticated:
        context = {**home_for(user=request.user), "sections": home_sections(request)}
    return render(request, "communities/home.html", context)


@login_required
def profile_detail(request, handle):
    person = get_object_or_404(profiles_visible_to(request.user), handle=handle)
    if not can(request.user, "profile.view", person):
        raise PermissionDenied
    return render(request, "communities/user_detail.html", {"person": person})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, handle):
    person = own_person(request, handle, "profile.edit")
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        update_profile(
            user=person,
            expertise=data.pop("expertise"),
            needs=data.pop("needs"),
            **data,
        )
        messages.success(request, _("Profile saved."))
        return redirect("communities:profile_edit", person.handle)
    if form.is_bound:
        # The invalid form copied what it could onto `person` (a handle another person holds,
        # say); the page's links keep the handle that is saved.
        person.refresh_from_db(fields=["handle"])
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"person": person, "form": form}
    return render(request, "communities/user_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request, handle):
    person = own_person(request, handle, "profile.edit")
    form = NotificationPreferencesForm(request.POST or None, modes=notification_modes(user=person))
    if request.method == "POST" and form.is_valid():
        update_notification_preferences(user=person, modes=form.cleaned_data)
        messages.success(request, _("Notification preferences saved."))
        return redirect("communities:notification_settings", person.handle)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"person": person, "form": form}
    return render(request, "communities/user_notifications.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request, handle):
    person = own_person(request, handle, "account.delete")
    led_alone = list(communities_needing_a_successor(user=person))
    form = DeleteAccountForm(request.POST or None, user=person, led_alone=led_alone)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(user=person, successors=form.successors())
        except LastFacilitatorError as error:
            # Someone stepped down since the page was drawn: the form asks again.
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(
                request, _("Your account has been deleted. Thank you for taking part.")
            )
            return redirect("home")
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"person": person, "form": form, "led_alone": led_alone}
    return render(request, "communities/user_delete.html", context, status=status)
