from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from communities.models import Notification, User
from communities.notifications.kinds import get_kind
from communities.notifications.unsubscribe import read_unsubscribe_token
from communities.services import mark_notifications_read, unsubscribe

PAGE_SIZE = 25


@login_required
def notification_list(request):
    page = Paginator(
        Notification.objects.filter(recipient=request.user).only(
            "pk", "title", "body", "url", "group", "created_at", "read_at"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(request, "communities/notification_list.html", {"page": page})


@login_required
def notification_open(request, pk):
    """Follow a notification's link, marking it read on the way."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    mark_notifications_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("communities:notifications")


@login_required
@require_POST
def notifications_mark_read(request):
    count = mark_notifications_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("communities:notifications")


# Mail clients POST the one-click unsubscribe (RFC 8058) with no session and no CSRF token;
# the signed token is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    try:
        user_id, kind = read_unsubscribe_token(token)
    except signing.BadSignature:
        return HttpResponseBadRequest(
            render_to_string("communities/unsubscribe_invalid.html", request=request)
        )
    person = User.objects.filter(pk=user_id, is_active=True).first()
    label = _describe_kind(kind)
    if person is None or label is None:
        return HttpResponseBadRequest(
            render_to_string("communities/unsubscribe_invalid.html", request=request)
        )
    context = {"person": person, "label": label, "token": token}
    if request.method == "POST":
        context["changed"] = unsubscribe(user=person, kind=kind)
        return render(request, "communities/unsubscribe_done.html", context)
    # A GET only asks: link scanners open every URL in an email, and must not unsubscribe.
    return render(request, "communities/unsubscribe_confirm.html", context)


def _describe_kind(kind: str) -> str | None:
    if kind.startswith("digest:"):
        period = kind.partition(":")[2]
        return {"daily": _("the daily digest"), "weekly": _("the weekly digest")}.get(period)
    try:
        notification_kind = get_kind(kind)
    except KeyError:
        return None
    if notification_kind.transactional:
        return None
    return str(notification_kind.label)
