"""The page an emailed answer link opens: one click in the email, one Send on the page.

The link is signed for one member, one ping and (on a choice ping) one choice, and needs no
login: it answers for the member it names, whoever is logged in. Mail scanners open links, so
the GET only asks; the POST answers, through the same service as the app's own form."""

from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communities.discussions.forms import EmailedAnswerForm
from communities.discussions.models import Ping, PingAnswer
from communities.discussions.ping_links import AnswerLink, read_answer_link
from communities.discussions.pings import PingClosedError, answer_ping
from communities.models import Membership, User
from communities.views.guards import refused
from cop_platform.permissions import can


@require_http_methods(["GET", "POST"])
def ping_answer(request, token):
    link, ping, member = _read(token)
    # Dates on these pages are the member's: the link is theirs, whoever opened it.
    with timezone.override(member.zone_name):
        refusal = _refusal(request, ping, member)
        if refusal is not None:
            return refusal
        # Bound on every POST: a choice link's form has no field, so its POST may be empty.
        data = request.POST if request.method == "POST" else None
        form = EmailedAnswerForm(data, ping=ping)
        context = {
            "ping": ping,
            "member": member,
            "choice": link.choice,
            "form": form,
            "zone": member.zone_name,
        }
        if request.method == "POST" and form.is_valid():
            try:
                answer_ping(
                    actor=member,
                    ping=ping,
                    choice=link.choice or "",
                    text=form.cleaned_data.get("text", ""),
                )
            except PingClosedError:
                return _closed(request, ping)  # it closed between the page and the click
            return render(request, "communities/ping_answer_sent.html", context)
        context["previous"] = PingAnswer.objects.filter(ping=ping, user=member).first()
        # An invalid answer answers 422 with its messages, and nothing changed (SPEC §8).
        status = 422 if request.method == "POST" else 200
        return render(request, "communities/ping_answer.html", context, status=status)


def _read(token: str) -> tuple[AnswerLink, Ping, User]:
    """The link's parts, or a 404 like any missing page: a forged or tampered token, a ping
    deleted since, or a token whose choice the ping does not offer."""
    try:
        link = read_answer_link(token)
    except signing.BadSignature:
        raise Http404 from None
    ping = Ping.objects.select_related("community").filter(pk=link.ping_id).first()
    member = User.objects.filter(pk=link.member_id, is_active=True).first()
    if ping is None or member is None or not link.fits(ping):
        raise Http404
    return link, ping, member


def _refusal(request, ping: Ping, member: User):
    """Why this link answers nothing now, told with no more of the CoP than its email said
    (its name and the question), or None."""
    if not ping.is_open:
        return _closed(request, ping)
    if can(member, "ping.answer", ping):
        return None
    if not Membership.objects.filter(community=ping.community, user=member).exists():
        message = _("You are no longer a member of %(community)s, so this link answers nothing.")
    else:
        message = _("%(community)s no longer takes answers to its pings.")
    return refused(request, message % {"community": ping.community.name}, back_url="/", status=403)


def _closed(request, ping: Ping):
    when = date_format(timezone.localtime(ping.closes_at), "l j F Y, H:i")
    message = _("This ping closed on %(when)s (%(zone)s): it takes no more answers.") % {
        "when": when,
        "zone": timezone.get_current_timezone_name(),
    }
    return refused(request, message, back_url="/", status=410)
