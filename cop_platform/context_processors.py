from django.utils import timezone


def site(request):
    return {"viewer_timezone": timezone.get_current_timezone_name()}
