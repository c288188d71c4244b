"""Meeting emails (issue 12, step 3): a CoP's members hear, by email with an .ics, that a
meeting was scheduled, its series changed, or one occurrence moved or cancelled; facilitators
remind those who have not answered for an occurrence, once.

Each write records a `MeetingMail` inside its transaction and hands it to communities' fan-out
queue (recorded, published after commit, resumed by the due-finder when the broker was down);
a worker then tells every member who may still attend, in bulk, under keys made of the event's
id and the reader's, so a retried task sends nothing twice."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communities.discussions.fan_out_queue import schedule_fan_out
from communities.models import Membership, User
from communities.notifications.outbox import Attachment
from communities.notifications.sender import Notice, notify_many
from meetings import invitations
from meetings.models import Meeting, MeetingMail, MeetingMailEvent, Rsvp
from meetings.recurrence import Occurrence, occurrence_of, occurrences_between
from meetings.selectors import meetings_of

FAN_OUT_EVENT = "meeting"
FAN_OUT_LABEL = gettext_lazy(
    "Meeting email (scheduled, changed, moved or cancelled; the answer nudge)"
)
NEXT_WITHIN = dt.timedelta(days=400)
# Those who may attend: members of a writable CoP. Asked again when each email leaves, so a
# member who left in between (even of a public CoP, which anyone signed in may view) gets none.
CAPABILITY = "meeting.rsvp"
KIND_OF = {
    MeetingMailEvent.SCHEDULED: "meeting_scheduled",
    MeetingMailEvent.UPDATED: "meeting_changed",
    MeetingMailEvent.MOVED: "meeting_changed",
    MeetingMailEvent.CANCELLED: "meeting_changed",
    MeetingMailEvent.NUDGE: "meeting_rsvp_nudge",
}


def record_meeting_mail(
    *, actor: User | None, meeting: Meeting, event: str, occurrence_start: dt.datetime | None = None
) -> MeetingMail:
    """Inside the write's transaction: its members are told after it commits, by a worker."""
    mail = MeetingMail.objects.create(
        meeting=meeting, event=event, occurrence_start=occurrence_start, actor=actor
    )
    schedule_fan_out(event=FAN_OUT_EVENT, object_id=mail.pk)
    return mail


class NudgeRefusedError(Exception):
    """The occurrence is cancelled or has begun: nobody is reminded to answer for it."""


def nudge_of(*, occurrence: Occurrence) -> MeetingMail | None:
    return MeetingMail.objects.filter(
        meeting=occurrence.meeting,
        event=MeetingMailEvent.NUDGE,
        occurrence_start=occurrence.original_start,
    ).first()


def nudge_non_responders(*, actor: User, occurrence: Occurrence) -> tuple[MeetingMail, bool]:
    """Remind, once per occurrence, the members who have not answered. Returns the nudge and
    whether it is new; pressing again (or twice at once) finds the first and sends nothing."""
    if occurrence.cancelled or occurrence.start <= timezone.now():
        raise NudgeRefusedError
    try:
        with transaction.atomic():
            mail = record_meeting_mail(
                actor=actor,
                meeting=occurrence.meeting,
                event=MeetingMailEvent.NUDGE,
                occurrence_start=occurrence.original_start,
            )
    except IntegrityError:
        # Someone pressed it first (one nudge per occurrence, by a unique constraint).
        return nudge_of(occurrence=occurrence), False
    return mail, True


# --- The worker's part -------------------------------------------------------------------------


def fan_out_meeting_mail(mail_id: int) -> int:
    """Tell the event's readers, reading the meeting as it stands now. Returns how many."""
    mail = MeetingMail.objects.select_related("meeting").filter(pk=mail_id).first()
    if mail is None:
        return 0  # the meeting was deleted before the worker came to it
    meeting = meetings_of(community_ids=[mail.meeting.community_id]).get(pk=mail.meeting_id)
    occurrence = occurrence_of(meeting, mail.occurrence_start) if mail.occurrence_start else None
    plan = _plan(mail, meeting, occurrence)
    if plan is None:
        return 0
    context, calendar, method, url = plan
    readers = _readers(mail, meeting)
    notices = [
        Notice(
            to=reader,
            key=f"meeting_mail:{mail.pk}:{reader.pk}",
            context=context,
            url=url,
            attachments=_attachments(calendar, method, reader),
        )
        for reader in readers
    ]
    return notify_many(
        kind=KIND_OF[mail.event],
        notices=notices,
        group=meeting.community.name,
        about=meeting,
        capability=CAPABILITY,
    )


def _plan(mail: MeetingMail, meeting: Meeting, occurrence: Occurrence | None):
    """(shared context, calendar bytes or None, iTIP method, link), or None when the event no
    longer holds."""
    if not _still_holds(mail.event, occurrence):
        return None
    url = meeting.get_absolute_url()
    context = _context(mail, meeting, occurrence)
    base_url = settings.SITE_URL
    if mail.event in {MeetingMailEvent.SCHEDULED, MeetingMailEvent.UPDATED}:
        return context, invitations.series_request(meeting, base_url=base_url), "REQUEST", url
    if mail.event == MeetingMailEvent.MOVED:
        calendar = invitations.moved_request(meeting, occurrence.original_start, base_url=base_url)
        return context, calendar, "REQUEST", url
    if mail.event == MeetingMailEvent.CANCELLED:
        calendar = invitations.occurrence_cancel(meeting, occurrence.original_start)
        return context, calendar, "CANCEL", url
    return context, None, "", f"{url}#rsvp-{occurrence.key}"


def _still_holds(event: str, occurrence: Occurrence | None) -> bool:
    """A series event always holds. An occurrence's may not by the time the worker runs: a
    later edit of the series dropped it (that edit told of it), a moved one was cancelled since
    (the cancellation tells), a nudged one was cancelled or has begun."""
    if event in {MeetingMailEvent.SCHEDULED, MeetingMailEvent.UPDATED}:
        return True
    if occurrence is None:
        return False
    if event == MeetingMailEvent.MOVED:
        return occurrence.moved
    if event == MeetingMailEvent.CANCELLED:
        return occurrence.cancelled
    return not occurrence.cancelled and occurrence.start > timezone.now()


def _context(mail: MeetingMail, meeting: Meeting, occurrence: Occurrence | None) -> dict:
    """One dict for every reader of the event (so they share a rendering per zone); times are
    aware, and the templates print them in each reader's zone."""
    if occurrence is None:
        occurrence = _next_occurrence(meeting)
    return {
        "event": mail.event,
        "meeting": meeting,
        "community_name": meeting.community.name,
        "agenda": [item.title for item in meeting.agenda_items.all()],
        "occurrence": occurrence,
        "message": _summary(mail.event, meeting),
    }


def _next_occurrence(meeting: Meeting) -> Occurrence | None:
    """The series' next meeting that takes place, however far ahead it starts."""
    start = max(timezone.now(), meeting.first_start)
    coming = occurrences_between(meeting, start, start + NEXT_WITHIN)
    return next((o for o in coming if not o.cancelled), None)


def _summary(event: str, meeting: Meeting) -> str:
    """The in-app notification's words: no time in them, as they are shared by every zone."""
    summaries = {
        MeetingMailEvent.SCHEDULED: _("%(title)s is scheduled."),
        MeetingMailEvent.UPDATED: _("%(title)s has changed."),
        MeetingMailEvent.MOVED: _("One meeting of %(title)s is moved."),
        MeetingMailEvent.CANCELLED: _("One meeting of %(title)s is cancelled."),
        MeetingMailEvent.NUDGE: _("Will you come to %(title)s? Please answer."),
    }
    return summaries[event] % {"title": meeting.title}


def _readers(mail: MeetingMail, meeting: Meeting):
    """The CoP's members now (one who left is no longer one), but the facilitator who made the
    change; for a nudge, only those who still have not answered for the occurrence."""
    members = Membership.objects.filter(community_id=meeting.community_id).values("user_id")
    readers = User.objects.filter(pk__in=members, is_active=True).exclude(pk=mail.actor_id)
    if mail.event == MeetingMailEvent.NUDGE:
        answered = Rsvp.objects.filter(
            meeting=meeting, occurrence_start=mail.occurrence_start
        ).values("member_id")
        readers = readers.exclude(pk__in=answered)
    return readers.order_by("pk")


def _attachments(calendar: bytes | None, method: str, reader: User) -> tuple[Attachment, ...]:
    if calendar is None:
        return ()
    return (
        invitations.for_reader(
            calendar, email=reader.email, name=reader.display_name, method=method
        ),
    )
