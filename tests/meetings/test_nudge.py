"""Facilitators remind those who have not answered for an upcoming occurrence, once (issue 12,
step 3): one email each through the outbox, with the link to answer; a second press sends
nothing and the page says when the reminder went out."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import OutboxMessage, Role
from communities.services import update_notification_preferences
from meetings.meeting_mail import NudgeRefusedError, nudge_non_responders
from meetings.models import Meeting, MeetingMail, OccurrenceChange
from meetings.recurrence import occurrences_between
from meetings.services import record_rsvp
from tests.factories import MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    """A weekly meeting next week, its facilitator, one member who answered, two who have not."""
    meeting = MeetingFactory()
    community = meeting.community
    facilitator = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    answered = MembershipFactory(community=community, user__name="Ann Answered").user
    silent = [
        MembershipFactory(community=community, user__name=f"Silent {n}").user for n in range(2)
    ]
    first = next_occurrence(meeting)
    record_rsvp(actor=answered, occurrence=first, response="yes")
    return meeting, facilitator, answered, silent, first


def next_occurrence(meeting):
    now = timezone.now()
    return occurrences_between(meeting, now, now + dt.timedelta(days=30))[0]


def nudge_url(meeting, occurrence) -> str:
    return reverse("meetings:nudge", args=[meeting.community.slug, meeting.pk, occurrence.key])


def test_a_facilitator_reminds_each_silent_member_once_with_the_link_to_answer(
    client, setting, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, facilitator, _answered, silent, first = setting
    client.force_login(facilitator)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Remind those who have not answered" in page
    confirm = client.get(nudge_url(meeting, first)).content.decode()
    assert "Silent 0" in confirm
    assert "Ann Answered" not in confirm

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(nudge_url(meeting, first), follow=True)

    assert "Each of them gets one email asking them to answer." in response.content.decode()
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(person.email for person in silent)
    mail = mailoutbox[0]
    assert mail.subject.startswith("Will you come?")
    assert f"{meeting.get_absolute_url()}#rsvp-{first.key}" in mail.body
    assert mail.attachments == []

    # Pressed again (or from a second tab): nobody is emailed again, and the page says when.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(nudge_url(meeting, first), follow=True)
    assert "nobody is emailed again" in again.content.decode()
    assert len(mailoutbox) == 2
    assert MeetingMail.objects.filter(event="nudge").count() == 1
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="nudged"' in page
    assert "Remind those who have not answered" not in page


def test_who_answered_before_the_worker_ran_and_who_turned_it_off_get_nothing(
    setting, mailoutbox, django_capture_on_commit_callbacks
):
    _meeting, facilitator, _answered, silent, first = setting
    update_notification_preferences(user=silent[1], modes={"meeting_rsvp_nudge": "off"})
    with django_capture_on_commit_callbacks() as after_the_request:
        nudge_non_responders(actor=facilitator, occurrence=first)
    record_rsvp(actor=silent[0], occurrence=first, response="no")

    with django_capture_on_commit_callbacks(execute=True):
        for callback in after_the_request:
            callback()

    assert mailoutbox == []
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("state", ["cancelled", "begun"])
def test_no_reminder_for_an_occurrence_cancelled_or_begun(client, setting, state):
    meeting, facilitator, _answered, _silent, first = setting
    if state == "cancelled":
        OccurrenceChange.objects.create(
            meeting=meeting, original_start=first.original_start, cancelled=True
        )
        first = next_occurrence(Meeting.objects.get(pk=meeting.pk))
    else:
        meeting.start_date = timezone.now().date() - dt.timedelta(days=7)
        meeting.start_time = (timezone.now() - dt.timedelta(minutes=10)).time()
        meeting.time_zone = "UTC"
        meeting.save()
        first = occurrences_between(
            meeting, timezone.now() - dt.timedelta(hours=1), timezone.now()
        )[0]
    client.force_login(facilitator)

    response = client.post(nudge_url(meeting, first))

    assert response.status_code == 409
    assert not MeetingMail.objects.filter(event="nudge").exists()
    with pytest.raises(NudgeRefusedError):
        nudge_non_responders(actor=facilitator, occurrence=first)


def test_a_member_may_not_remind_others(client, setting):
    meeting, _facilitator, answered, _silent, first = setting
    client.force_login(answered)

    assert client.post(nudge_url(meeting, first)).status_code == 403
    assert "Remind those" not in client.get(meeting.get_absolute_url()).content.decode()
    assert not MeetingMail.objects.filter(event="nudge").exists()


def test_staff_list_the_meeting_emails_and_reminders_in_the_admin(client, setting):
    meeting, facilitator, _answered, _silent, first = setting
    nudge_non_responders(actor=facilitator, occurrence=first)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get(reverse("admin:meetings_meetingmail_changelist"))

    assert listing.status_code == 200
    assert meeting.title in listing.content.decode()
