from django.utils import timezone


def site(request):
    context = {"viewer_timezone": timezone.get_current_timezone_name()}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Lazy: pages that never show the bell (errors, emails) never run the count.
        context["unread_notification_count"] = lambda: user.notifications.filter(
            read_at__isnull=True
        ).count()
    return context
