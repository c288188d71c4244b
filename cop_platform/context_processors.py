from django.utils import timezone

from cop_platform.page_parts import nav_items


def site(request):
    context = {"viewer_timezone": timezone.get_current_timezone_name()}
    user = getattr(request, "user", None)
    # What apps registered for the main navigation (no query: shown_to reads the user only).
    context["nav_items"] = nav_items(user) if user is not None else []
    if user is not None and user.is_authenticated:
        # Lazy: pages that never show the bell (errors, emails) never run the count.
        context["unread_notification_count"] = lambda: user.notifications.filter(
            read_at__isnull=True
        ).count()
    return context
