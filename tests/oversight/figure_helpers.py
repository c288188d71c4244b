"""Real rows for the figures tests: each kind of activity at a chosen moment, and the CoP's
health row after a refresh at `now`."""

import datetime as dt

from django.utils import timezone

from communities.models import Community, Ping, PingAnswer, Reaction, Thread
from meetings.models import Attendance, AttendanceStatus, Rsvp
from oversight.figures import refresh_health
from oversight.models import CommunityHealth, Evaluation, SurveyResponse
from oversight.surveys import add_question, create_template
from tests.factories import PostFactory, ThreadFactory, UserFactory
from tests.meetings.factories import MeetingFactory

DAY = dt.timedelta(days=1)


def health_of(community, now) -> CommunityHealth:
    refresh_health(community_ids=[community.pk], now=now)
    return CommunityHealth.objects.get(community=community)


def created_long_ago(community, now, days=200) -> None:
    """The CoP is old enough that its creation does not count as recent activity."""
    Community.objects.filter(pk=community.pk).update(created_at=now - dt.timedelta(days=days))


def thread_at(community, person, at, **fields) -> Thread:
    return ThreadFactory(community=community, author=person, created_at=at, **fields)


def reply_at(community, person, at, thread=None, **fields):
    thread = thread or ThreadFactory(
        community=community, created_at=at - dt.timedelta(days=400), author=None
    )
    return PostFactory(thread=thread, author=person, created_at=at, **fields)


def reaction_at(community, person, at) -> Reaction:
    post = reply_at(community, None, at - dt.timedelta(days=400))
    return Reaction.objects.create(post=post, user=person, created_at=at)


def meeting_of(community):
    return MeetingFactory(community=community)


def rsvp_at(community, person, at) -> Rsvp:
    rsvp = Rsvp.objects.create(
        meeting=meeting_of(community), occurrence_start=at, member=person, response="yes"
    )
    Rsvp.objects.filter(pk=rsvp.pk).update(updated_at=at)  # auto_now otherwise
    return rsvp


def attendance_at(community, person, at, status=AttendanceStatus.PRESENT, meeting=None):
    return Attendance.objects.create(
        meeting=meeting or meeting_of(community),
        occurrence_start=at,
        member=person or UserFactory(),
        status=status,
    )


def ping_answer_at(community, person, at) -> PingAnswer:
    ping = Ping.objects.create(
        community=community, question="Coming?", closes_at=at + DAY, created_at=at - DAY
    )
    return PingAnswer.objects.create(ping=ping, user=person, answered_at=at)


def evaluation_of(community, *, closes_on, anonymous=False) -> Evaluation:
    template = create_template(name="Ours", community=community)
    add_question(template=template, kind="likert", text="Worth it?")
    add_question(template=template, kind="text", text="Why?")
    return Evaluation.objects.create(
        community=community,
        title="Spring",
        questions_from=template,
        opens_on=closes_on - dt.timedelta(days=14),
        closes_on=closes_on,
        anonymous=anonymous,
    )


def named_answer_at(community, person, at) -> SurveyResponse:
    evaluation = evaluation_of(community, closes_on=at.date() + DAY)
    return SurveyResponse.objects.create(
        evaluation=evaluation, person=person, submitted_on=at.date()
    )


ACTIVITY = {
    "thread": thread_at,
    "reply": reply_at,
    "reaction": reaction_at,
    "rsvp": rsvp_at,
    "present": attendance_at,
    "ping answer": ping_answer_at,
    "named survey": named_answer_at,
}


def now() -> dt.datetime:
    return timezone.now()
