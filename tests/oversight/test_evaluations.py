"""Scheduling evaluations for a CoP or a program, the beat that opens them and emails each
member their link (once), and the open survey on the member's home page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import now

from communities.models import Stage
from communities.notifications.models import OutboxMessage
from oversight import evaluations as module
from oversight.evaluations import open_due_evaluations
from oversight.models import Evaluation, Responded
from oversight.surveys import default_template
from tests.factories import UserFactory
from tests.oversight.evaluation_helpers import (
    a_template,
    an_evaluation,
    cop_with_members,
    link,
    today,
)

pytestmark = pytest.mark.django_db


def schedule_data(template, **over) -> dict:
    return {
        "template": template.pk,
        "title": "Spring survey",
        "opens_on": today().isoformat(),
        "closes_on": (today() + dt.timedelta(days=10)).isoformat(),
        "anonymous": "on",
    } | over


def test_a_facilitator_schedules_an_evaluation_that_asks_a_frozen_copy(client):
    community, facilitator, _members = cop_with_members()
    template = a_template(community)
    client.force_login(facilitator)

    response = client.post(
        reverse("oversight:cop_evaluation_schedule", args=[community.slug]),
        schedule_data(template),
    )

    evaluation = Evaluation.objects.get(community=community)
    assert response.status_code == 302
    assert evaluation.anonymous and evaluation.questions_from_id != template.pk
    assert evaluation.questions_from.questions.count() == 4
    template.questions.first().delete()  # editing the template later changes no survey
    assert evaluation.questions_from.questions.count() == 4
    page = client.get(reverse("oversight:cop_evaluations", args=[community.slug]))
    assert "Spring survey" in page.content.decode()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"closes_on": "2000-01-01"}, "must close on or after it opens"),
        ({"opens_on": "2000-01-01"}, "cannot be in the past"),
        ({"title": ""}, "This field is required"),
        ({"closes_on": "not a date"}, "Enter a valid date"),
    ],
)
def test_bad_schedules_are_refused_and_nothing_stored(client, over, message):
    community, facilitator, _members = cop_with_members()
    client.force_login(facilitator)

    response = client.post(
        reverse("oversight:cop_evaluation_schedule", args=[community.slug]),
        schedule_data(a_template(community), **over),
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Evaluation.objects.exists()


def test_another_cops_template_cannot_be_scheduled(client):
    community, facilitator, _members = cop_with_members()
    other, _f, _m = cop_with_members()
    client.force_login(facilitator)

    response = client.post(
        reverse("oversight:cop_evaluation_schedule", args=[community.slug]),
        schedule_data(a_template(other)),
    )

    assert response.status_code == 422
    assert not Evaluation.objects.exists()


def test_a_tta_leader_schedules_one_for_every_open_cop_of_the_program(client):
    first, _f, _m = cop_with_members()
    program = first.program
    second, _f2, _m2 = cop_with_members(program=program)
    archived = cop_with_members(program=program)[0]
    archived.stage = Stage.ARCHIVED
    archived.save()
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    client.force_login(leader)

    response = client.post(
        reverse("oversight:program_evaluations", args=[program.slug]),
        schedule_data(default_template(), anonymous=""),
    )

    assert response.status_code == 302
    evaluations = Evaluation.objects.filter(program=program)
    assert set(evaluations.values_list("community", flat=True)) == {first.pk, second.pk}
    assert len({e.questions_from_id for e in evaluations}) == 1  # one copy, added up later
    assert not any(e.anonymous for e in evaluations)


def test_opening_emails_each_member_their_own_link_once(django_capture_on_commit_callbacks):
    community, facilitator, members = cop_with_members()
    evaluation = an_evaluation(community)
    later = an_evaluation(community, opens_in=2)
    now = dt.datetime.now(dt.UTC)

    with django_capture_on_commit_callbacks(execute=True):
        assert open_due_evaluations(now, today()) == 1
        assert open_due_evaluations(now, today()) == 0  # a second beat sends nothing

    sent = OutboxMessage.objects.filter(kind="evaluation_invitation")
    assert sorted(m.recipient_id for m in sent) == sorted(p.pk for p in [facilitator, *members])
    for message in sent:
        assert link(evaluation, message.recipient) in message.body_text
    evaluation.refresh_from_db()
    later.refresh_from_db()
    assert evaluation.invited_at is not None and later.invited_at is None


def test_no_invitation_for_an_archived_cop_or_a_closed_evaluation():
    community, _facilitator, _members = cop_with_members()
    an_evaluation(community, opens_in=-9, closes_in=-1)
    archived, _f, _m = cop_with_members()
    an_evaluation(archived)
    archived.stage = Stage.ARCHIVED
    archived.save()

    assert open_due_evaluations(dt.datetime.now(dt.UTC), today()) == 0
    assert not OutboxMessage.objects.filter(kind="evaluation_invitation").exists()


def test_the_open_survey_waits_on_the_members_home_page_until_answered(client):
    community, _facilitator, (member, *_rest) = cop_with_members()
    evaluation = an_evaluation(community)
    an_evaluation(community, opens_in=3)  # not open yet: not shown
    client.force_login(member)

    html = client.get(reverse("home")).content.decode()
    assert "Surveys waiting for your answers" in html
    assert link(evaluation, member) in html
    assert html.count("Spring survey") == 1
    Responded.objects.create(evaluation=evaluation, person=member)
    assert "Surveys waiting" not in client.get(reverse("home")).content.decode()


def test_the_cop_page_panel_shows_the_latest_evaluation_to_leaders_only(client):
    community, facilitator, (member, *_rest) = cop_with_members()
    an_evaluation(community)

    client.force_login(facilitator)
    assert "Evaluations and results" in client.get(community.get_absolute_url()).content.decode()
    client.force_login(member)
    assert (
        "Evaluations and results" not in client.get(community.get_absolute_url()).content.decode()
    )


def test_a_tta_leader_finds_their_programs_evaluations_from_home(client):
    community, _facilitator, (member, *_rest) = cop_with_members()
    leader = UserFactory(is_tta_leader=True)
    community.program.leaders.add(leader)

    client.force_login(leader)
    evaluations_url = reverse("oversight:program_evaluations", args=[community.program.slug])
    assert evaluations_url in client.get(reverse("home")).content.decode()
    client.force_login(member)
    assert evaluations_url not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("page", ["cop", "program"])
def test_evaluation_lists_keep_a_bounded_number_of_queries(client, page):
    default_template()  # made on first need: not this page's queries
    counts = []
    for n in (2, 20):
        community, _facilitator, _members = cop_with_members()
        leader = UserFactory(is_tta_leader=True)
        community.program.leaders.add(leader)
        for i in range(n):
            evaluation = an_evaluation(community)
            evaluation.program = community.program
            evaluation.title = f"Survey number {i}"
            evaluation.save()
        client.force_login(leader)
        if page == "cop":
            url = reverse("oversight:cop_evaluations", args=[community.slug])
        else:
            url = reverse("oversight:program_evaluations", args=[community.program.slug])
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert f"Survey number {n - 1}" in html
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_one_evaluation_failing_to_open_holds_up_no_other(monkeypatch):
    broken_cop, _f, _m = cop_with_members()
    broken = an_evaluation(broken_cop)
    community, _f2, _m2 = cop_with_members()
    fine = an_evaluation(community)
    real_invite = module.invite

    def invite(*, evaluation, **kwargs):
        if evaluation.pk == broken.pk:
            raise RuntimeError("a template that does not render")
        real_invite(evaluation=evaluation, **kwargs)

    monkeypatch.setattr(module, "invite", invite)
    assert open_due_evaluations(dt.datetime.now(dt.UTC), today()) == 1

    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.invited_at is None and fine.invited_at is not None
    assert not OutboxMessage.objects.filter(recipient__memberships__community=broken_cop).exists()


def test_the_program_page_lists_each_evaluation_once_with_its_cops_beneath(client):
    """A program-wide evaluation is one group of rows: its program results and reminder links
    once, not once per CoP, and each CoP's own results beneath."""
    first, _f, _m = cop_with_members()
    program = first.program
    second, _f2, _m2 = cop_with_members(program=program)
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    rounds = []
    for title in ("Spring survey", "Autumn survey"):
        evaluations = module.schedule_evaluation(
            actor=leader,
            template=default_template(),
            title=title,
            opens_on=today(),
            closes_on=today() + dt.timedelta(days=7),
            anonymous=True,
            communities=[first, second],
            program=program,
        )
        Evaluation.objects.filter(pk__in=[e.pk for e in evaluations]).update(invited_at=now())
        rounds.append(evaluations)
    client.force_login(leader)

    html = client.get(reverse("oversight:program_evaluations", args=[program.slug])).content
    html = html.decode()

    for evaluations in rounds:
        shared = evaluations[0].questions_from_id
        for name in ("program_evaluation_results", "program_evaluation_remind"):
            assert html.count(reverse(f"oversight:{name}", args=[program.slug, shared])) == 1
        for evaluation in evaluations:
            cop_results = reverse(
                "oversight:evaluation_results", args=[evaluation.community.slug, evaluation.pk]
            )
            assert cop_results in html
    assert html.count('scope="rowgroup"') == 2


@pytest.mark.parametrize(
    ("opens_in", "cops", "said"),
    [
        (0, 1, "Evaluation scheduled for 1 CoP. It opens today: members get their links by"),
        (3, 2, "Evaluation scheduled for 2 CoPs. Members get their links by email on "),
    ],
)
def test_the_leader_is_told_when_members_get_their_links(client, opens_in, cops, said):
    first, _f, _m = cop_with_members()
    program = first.program
    for _ in range(cops - 1):
        cop_with_members(program=program)
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    client.force_login(leader)
    opens_on = today() + dt.timedelta(days=opens_in)

    response = client.post(
        reverse("oversight:program_evaluations", args=[program.slug]),
        schedule_data(default_template(), opens_on=opens_on.isoformat()),
        follow=True,
    )

    assert said in response.content.decode()
    waiting = "invitations on their way" in response.content.decode()
    assert waiting is (opens_in == 0)
