"""Answering through the emailed link, without logging in: bad input refused with nothing
stored, a named response changed until closing, an anonymous one final, broken and closed
links refused, and anonymity held in the database and in what the visit leaves behind."""

import datetime as dt

import pytest
from django.contrib import admin
from django.db import connection

from communities.models import User
from oversight.evaluations import survey_token
from oversight.models import Answer, Responded, SurveyResponse
from tests.factories import UserFactory
from tests.oversight.evaluation_helpers import (
    an_evaluation,
    answers_for,
    cop_with_members,
    link,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cop():
    return cop_with_members()


def stored() -> tuple:
    return (
        list(SurveyResponse.objects.values_list("pk", "submitted_on")),
        sorted(Answer.objects.values_list("likert", "chosen", "text"), key=str),
        list(Responded.objects.values_list("person_id", flat=True)),
    )


def test_the_link_opens_the_survey_without_logging_in_and_stores_the_answers(client, cop):
    community, _facilitator, (member, *_rest) = cop
    evaluation = an_evaluation(community, anonymous=False)

    page = client.get(link(evaluation, member))
    assert page.status_code == 200
    assert "Worth it?" in page.content.decode()
    response = client.post(link(evaluation, member), answers_for(evaluation))

    assert response.status_code == 200
    assert "Your answers were received" in response.content.decode()
    saved = SurveyResponse.objects.get()
    assert saved.person == member
    assert sorted(saved.answers.values_list("likert", "chosen", "text"), key=str) == sorted(
        [(4, [], ""), (None, ["Often"], ""), (None, ["Talks", "Peers"], ""), (None, [], "Good")],
        key=str,
    )
    assert Responded.objects.filter(evaluation=evaluation, person=member).exists()
    assert "_auth_user_id" not in client.session  # nobody was logged in


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"likert": "7"}, "Select a valid choice. 7 is not one of the available choices."),
        ({"likert": "0"}, "Select a valid choice."),
        ({"likert": ""}, "This field is required."),
        ({"single": "Never"}, "Select a valid choice. Never is not one of"),
        ({"multiple": ("Talks", "Dancing")}, "Select a valid choice. Dancing is not one of"),
    ],
)
def test_bad_answers_are_refused_with_a_message_and_nothing_stored(client, cop, bad, message):
    community, _facilitator, (member, *_rest) = cop
    evaluation = an_evaluation(community)

    response = client.post(link(evaluation, member), answers_for(evaluation, **bad))

    assert response.status_code == 422
    assert message in response.content.decode()
    assert stored() == ([], [], [])


def test_a_named_response_is_changed_until_closing(client, cop):
    community, _facilitator, (member, *_rest) = cop
    evaluation = an_evaluation(community, anonymous=False)
    client.post(link(evaluation, member), answers_for(evaluation, likert="2"))

    again = client.get(link(evaluation, member)).content.decode()
    assert "Change my answers" in again
    assert "\nGood</textarea>" in again  # their answers, shown to change
    assert 'value="2"  id="id_q' in again and "required checked>" in again
    client.post(link(evaluation, member), answers_for(evaluation, likert="5", text="Better"))

    assert SurveyResponse.objects.count() == 1
    assert list(Answer.objects.exclude(likert=None).values_list("likert", flat=True)) == [5]
    assert Answer.objects.filter(text="Better").count() == 1
    assert Responded.objects.count() == 1


def test_an_anonymous_response_is_final(client, cop):
    community, _facilitator, (member, *_rest) = cop
    evaluation = an_evaluation(community)
    client.post(link(evaluation, member), answers_for(evaluation))
    before = stored()

    second_get = client.get(link(evaluation, member))
    second_post = client.post(link(evaluation, member), answers_for(evaluation, likert="1"))

    for response in (second_get, second_post):
        assert response.status_code == 409
        assert "already received" in response.content.decode()
        # The page names the survey the member followed a link to.
        assert f'<h1 class="h3">{evaluation.title}</h1>' in response.content.decode()
    assert stored() == before


def test_a_forged_link_names_no_survey(client, cop):
    community, _facilitator, (member, *_rest) = cop
    evaluation = an_evaluation(community)

    response = client.get(link(evaluation, member)[:-4] + "xyz/")

    assert response.status_code == 404
    assert '<h1 class="h3">Survey</h1>' in response.content.decode()
    assert evaluation.title not in response.content.decode()


def test_anonymity_holds_in_the_database(client, cop):
    community, _facilitator, members = cop
    evaluation = an_evaluation(community)
    for member in members:
        client.post(link(evaluation, member), answers_for(evaluation))

    responses = list(SurveyResponse.objects.all())
    assert len(responses) == 3
    assert all(r.person_id is None for r in responses)
    # Random ids and a bare date: neither order nor time ties a response to a Responded row.
    assert all(r.pk.version == 4 for r in responses)
    assert SurveyResponse._meta.get_field("submitted_on").get_internal_type() == "DateField"
    assert {f.name for f in Responded._meta.get_fields()} == {"id", "evaluation", "person"}
    answer_columns = {f.column for f in Answer._meta.concrete_fields}
    assert not any("person" in c or "user" in c for c in answer_columns)
    assert set(Responded.objects.values_list("person_id", flat=True)) == {m.pk for m in members}


def test_answering_an_anonymous_survey_moves_no_activity_trace(client, cop):
    community, _facilitator, (member, *_rest) = cop
    evaluation = an_evaluation(community)
    member.last_login = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    member.save()
    before = User.objects.filter(pk=member.pk).values().get()

    client.post(link(evaluation, member), answers_for(evaluation))

    assert User.objects.filter(pk=member.pk).values().get() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_session")
        assert cursor.fetchone()[0] == 0  # no session was started for the visit


@pytest.mark.parametrize("how", ["forged", "tampered", "other evaluation", "left the CoP"])
def test_broken_links_are_not_found_and_store_nothing(client, cop, how):
    community, _facilitator, (member, *_rest) = cop
    evaluation = an_evaluation(community)
    token = survey_token(evaluation=evaluation, person=member)
    if how == "forged":
        token = "eyJlIjoxLCJ1IjoxfQ:1abcde:forgedsignature"  # noqa: S105
    elif how == "tampered":
        token = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    elif how == "other evaluation":
        other_cop, _f, _m = cop_with_members()
        token = survey_token(evaluation=an_evaluation(other_cop), person=member)
    else:
        member.memberships.all().delete()

    response = client.post(f"/survey/{token}/", answers_for(evaluation))

    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert stored() == ([], [], [])


def test_a_closed_link_gets_a_clear_page_and_stores_nothing(client, cop):
    community, _facilitator, (member, *_rest) = cop
    evaluation = an_evaluation(community, opens_in=-10, closes_in=-1)

    response = client.post(link(evaluation, member), answers_for(evaluation))

    assert response.status_code == 410
    assert "This survey has closed" in response.content.decode()
    assert stored() == ([], [], [])


def test_a_link_for_someone_not_a_member_opens_nothing(client, cop):
    community, _facilitator, _members = cop
    evaluation = an_evaluation(community)

    response = client.get(link(evaluation, UserFactory()))

    assert response.status_code == 404


def test_the_admin_shows_no_response_answer_or_respondent_at_all():
    """Staff included: the admin has no page where a response could meet a name."""
    registered = set(admin.site._registry)
    assert not registered & {SurveyResponse, Answer, Responded}


def test_answering_while_logged_in_moves_no_activity_trace_either(client, cop):
    community, _facilitator, (member, *_rest) = cop
    evaluation = an_evaluation(community)
    client.force_login(member)
    client.get("/")  # whatever signing in and a first page record, before the snapshot
    before = User.objects.filter(pk=member.pk).values().get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_key, expire_date, session_data FROM django_session")
        sessions = cursor.fetchall()

    client.post(link(evaluation, member), answers_for(evaluation))

    assert SurveyResponse.objects.get().person_id is None
    assert User.objects.filter(pk=member.pk).values().get() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_key, expire_date, session_data FROM django_session")
        assert cursor.fetchall() == sessions
