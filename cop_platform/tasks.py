from celery import shared_task


@shared_task
def clear_expired_sessions_task() -> int:
    """Delete expired sessions; Django leaves that to a periodic job. Returns how many."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
