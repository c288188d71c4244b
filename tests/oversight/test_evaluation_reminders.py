"""Reminders go only to members who have not answered: automatically two days before closing
(once), and each time a leader confirms "remind non-respondents" (a send of its own)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.discussions.models import FanOut
from communities.notifications.models import OutboxMessage
from oversight.evaluation_reminders import (
    FAN_OUT_EVENT,
    fan_out_evaluation_reminder,
    remind_closing_evaluations,
)
from oversight.evaluations import schedule_evaluation
from oversight.models import EvaluationReminder
from tests.factories import UserFactory
from tests.oversight.evaluation_helpers import (
    a_template,
    an_evaluation,
    answers_for,
    cop_with_members,
    link,
    today,
)

pytestmark = pytest.mark.django_db


def opened(evaluation):
    evaluation.invited_at = timezone.now()
    evaluation.save()
    return evaluation


def reminded() -> list[int]:
    return sorted(
        OutboxMessage.objects.filter(kind="evaluation_reminder").values_list(
            "recipient_id", flat=True
        )
    )


def test_the_automatic_reminder_goes_to_non_respondents_only_once(client):
    community, facilitator, (answered, waiting, *_rest) = cop_with_members()
    evaluation = opened(an_evaluation(community, opens_in=-3, closes_in=2))
    client.post(link(evaluation, answered), answers_for(evaluation))

    assert remind_closing_evaluations(today()) == 1
    assert remind_closing_evaluations(today()) == 0  # a second beat records none
    (reminder,) = EvaluationReminder.objects.all()
    assert reminder.automatic
    assert FanOut.objects.filter(event=FAN_OUT_EVENT, object_id=reminder.pk).exists()
    fan_out_evaluation_reminder(reminder.pk)
    fan_out_evaluation_reminder(reminder.pk)  # a repeated job emails nobody twice

    expected = sorted(community.memberships.values_list("user", flat=True))
    assert answered.pk not in reminded()
    assert reminded() == [pk for pk in expected if pk != answered.pk]
    assert waiting.pk in reminded() and facilitator.pk in reminded()


@pytest.mark.parametrize(
    ("opens_in", "closes_in", "invited"),
    [
        (-3, 3, True),  # three days before closing: not yet
        (-3, -1, True),  # closed
        (0, 1, True),  # the opening day itself: the invitation is enough
        (-3, 2, False),  # never opened (archived or a failed beat)
    ],
)
def test_no_automatic_reminder_outside_the_two_days_before_closing(opens_in, closes_in, invited):
    community, _facilitator, _members = cop_with_members()
    evaluation = an_evaluation(community, opens_in=opens_in, closes_in=closes_in)
    if invited:
        opened(evaluation)

    assert remind_closing_evaluations(today()) == 0


def test_a_leader_confirms_and_each_press_is_its_own_send(
    client, django_capture_on_commit_callbacks
):
    community, facilitator, (answered, *_rest) = cop_with_members()
    evaluation = opened(an_evaluation(community))
    client.post(link(evaluation, answered), answers_for(evaluation))
    client.force_login(facilitator)
    url = reverse("oversight:evaluation_remind", args=[community.slug, evaluation.pk])

    confirm = client.get(url).content.decode()
    assert "3 members have not answered" in confirm
    assert not EvaluationReminder.objects.exists()  # asking is not sending
    for _press in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url).status_code == 302
    for reminder in EvaluationReminder.objects.all():
        fan_out_evaluation_reminder(reminder.pk)

    keys = OutboxMessage.objects.filter(kind="evaluation_reminder").values_list("key", flat=True)
    assert len(set(keys)) == 6  # three non-respondents, twice
    assert answered.pk not in reminded()


def test_no_reminder_for_a_closed_survey(client):
    community, facilitator, _members = cop_with_members()
    evaluation = opened(an_evaluation(community, opens_in=-5, closes_in=-1))
    client.force_login(facilitator)

    response = client.post(
        reverse("oversight:evaluation_remind", args=[community.slug, evaluation.pk])
    )

    assert response.status_code == 409
    assert not EvaluationReminder.objects.exists()


def test_a_reminder_recorded_before_closing_sends_nothing_after(monkeypatch):
    community, _facilitator, _members = cop_with_members()
    evaluation = opened(an_evaluation(community, opens_in=-3, closes_in=1))
    reminder = EvaluationReminder.objects.create(evaluation=evaluation)
    later = today() + dt.timedelta(days=2)
    monkeypatch.setattr(timezone, "localdate", lambda: later)

    assert fan_out_evaluation_reminder(reminder.pk) == 0
    assert reminded() == []


def test_a_tta_leader_reminds_every_open_cop_of_a_program_evaluation_at_once(client):
    first, _f, (answered, *_rest) = cop_with_members()
    second, _f2, _m2 = cop_with_members(program=first.program)
    leader = UserFactory(is_tta_leader=True)
    first.program.leaders.add(leader)
    evaluations = schedule_evaluation(
        actor=leader,
        template=a_template(first),
        title="Spring survey",
        opens_on=today(),
        closes_on=today(),
        anonymous=True,
        communities=[first, second],
        program=first.program,
    )
    for evaluation in evaluations:
        opened(evaluation)
    client.post(link(evaluations[0], answered), answers_for(evaluations[0]))
    client.force_login(leader)
    url = reverse(
        "oversight:program_evaluation_remind",
        args=[first.program.slug, evaluations[0].questions_from_id],
    )

    assert "open in 2 CoPs" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    for reminder in EvaluationReminder.objects.all():
        fan_out_evaluation_reminder(reminder.pk)

    assert EvaluationReminder.objects.count() == 2
    members = set(first.memberships.values_list("user", flat=True)) | set(
        second.memberships.values_list("user", flat=True)
    )
    assert set(reminded()) == members - {answered.pk}
