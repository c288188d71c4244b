"""Convening emails (issue 12, step 3): a program's invitees hear, by email with an .ics, that a
convening was scheduled, changed or cancelled.

The machinery is the CoP meetings' (`meetings/meeting_mail.py`): each write records a
`ConveningMail` inside its transaction and hands it to communities' fan-out queue; a worker tells
every invitee in bulk (`notify_many`) under keys made of the event's id and the reader's, with
the reader's own copy of the invitation (`invitations.for_reader`).

Who is told is asked when the worker runs (`invitees_of`), and again when each email leaves:
the engine asks again per CoP, so each invitee's news is recorded about the CoP that invites
them (one they facilitate; any CoP of the program for its TTA leaders) with the capability
"convening.attend". Someone who stops facilitating before the send gets nothing, and what their
bell still holds of it goes, as for any CoP's news they may no longer read."""

from django.conf import settings
from django.db.models import Min
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communities.discussions.fan_out_queue import schedule_fan_out
from communities.models import Community, Membership, Program, Role, User
from communities.notifications.sender import Notice, notify_many
from meetings import invitations
from meetings.convening_selectors import invitees_of
from meetings.models import Convening, ConveningMail, ConveningMailEvent

FAN_OUT_EVENT = "convening"
ATTEND = "convening.attend"
FAN_OUT_LABEL = gettext_lazy("Convening email (scheduled, changed or cancelled)")
KIND_OF = {
    ConveningMailEvent.SCHEDULED: "convening_scheduled",
    ConveningMailEvent.UPDATED: "convening_changed",
    ConveningMailEvent.CANCELLED: "convening_changed",
}


def record_convening_mail(*, actor: User | None, convening: Convening, event: str) -> ConveningMail:
    """Inside the write's transaction: the invitees are told after it commits, by a worker."""
    mail = ConveningMail.objects.create(convening=convening, event=event, actor=actor)
    schedule_fan_out(event=FAN_OUT_EVENT, object_id=mail.pk)
    return mail


def fan_out_convening_mail(mail_id: int) -> int:
    """Tell the invitees, reading the convening as it stands now. Returns how many."""
    mail = ConveningMail.objects.select_related("convening__program").filter(pk=mail_id).first()
    if mail is None:
        return 0  # deleted (with its program) before the worker came to it
    convening = mail.convening
    if convening.cancelled and mail.event != ConveningMailEvent.CANCELLED:
        return 0  # cancelled since: the cancellation tells them
    program = convening.program
    readers = list(invitees_of(program=program).exclude(pk=mail.actor_id).order_by("pk"))
    notices = _notices(mail, readers, through=_inviting_cops(program, readers))
    # A program without CoPs invites only its TTA leaders, and no CoP can be asked for them.
    # Split so that the rest are still asked again at the send.
    asked = [notice for notice in notices if notice.about is not None]
    unasked = [notice for notice in notices if notice.about is None]
    kind, group = KIND_OF[mail.event], program.name
    told = notify_many(kind=kind, notices=asked, group=group, capability=ATTEND)
    return told + notify_many(kind=kind, notices=unasked, group=group)


def _notices(mail: ConveningMail, readers: list[User], *, through: dict) -> list[Notice]:
    """One shared context (readers in one zone share a rendering); each reader's own .ics."""
    convening = mail.convening
    cancelling = mail.event == ConveningMailEvent.CANCELLED
    make = invitations.convening_cancel if cancelling else invitations.convening_request
    calendar = make(convening, base_url=settings.SITE_URL)
    method = invitations.CANCEL if cancelling else invitations.REQUEST
    context = {
        "event": mail.event,
        "convening": convening,
        "program_name": convening.program.name,
        "message": _summary(mail.event, convening),
    }
    return [
        Notice(
            to=reader,
            key=f"convening_mail:{mail.pk}:{reader.pk}",
            context=context,
            url=convening.get_absolute_url(),
            attachments=(
                invitations.for_reader(
                    calendar, email=reader.email, name=reader.display_name, method=method
                ),
            ),
            about=through.get(reader.pk),
        )
        for reader in readers
    ]


def _inviting_cops(program: Program, readers: list[User]) -> dict[int, Community]:
    """reader id -> the CoP of the program that invites them: the first they facilitate, else
    (a TTA leader) the program's first CoP. Two queries, however many readers."""
    cops = {cop.pk: cop for cop in Community.objects.filter(program=program).order_by("pk")}
    if not cops:
        return {}
    facilitated = (
        Membership.objects.filter(
            community_id__in=cops, user__in=readers, roles__role=Role.FACILITATOR
        )
        .values("user_id")
        .annotate(first=Min("community_id"))
        .values_list("user_id", "first")
    )
    first_cop = next(iter(cops.values()))
    through = dict.fromkeys((reader.pk for reader in readers), first_cop)
    through.update({user_id: cops[cop_id] for user_id, cop_id in facilitated})
    return through


def _summary(event: str, convening: Convening) -> str:
    """The in-app notification's words: no time in them, as they are shared by every zone."""
    summaries = {
        ConveningMailEvent.SCHEDULED: _("%(title)s is scheduled."),
        ConveningMailEvent.UPDATED: _("%(title)s has changed."),
        ConveningMailEvent.CANCELLED: _("%(title)s is cancelled."),
    }
    return summaries[event] % {"title": convening.title}
