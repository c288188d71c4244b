from django.utils import timezone

from cop_platform.page_parts import nav_entries


def site(request):
    context = {"viewer_timezone": timezone.get_current_timezone_name()}
    user = getattr(request, "user", None)
    # What apps registered for the main navigation. Lazy, and counted once per request: pages
    # that never show the nav (errors, emails) never run a badge's query.
    context["nav_items"] = (lambda: _nav_of(request)) if user is not None else []
    if user is not None and user.is_authenticated:
        # Lazy: pages that never show the bell (errors, emails) never run the count.
        context["unread_notification_count"] = lambda: user.notifications.filter(
            read_at__isnull=True
        ).count()
    return context


def _nav_of(request):
    if not hasattr(request, "_nav_entries"):
        request._nav_entries = nav_entries(request.user)
    return request._nav_entries
