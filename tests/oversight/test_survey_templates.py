"""Survey templates: the default value-creation template, a CoP's and a program's templates,
adding and removing questions, and the bad input each refuses with a 4xx, storing nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from oversight.models import QuestionKind, SurveyQuestion, SurveyTemplate
from oversight.surveys import DEFAULT_QUESTIONS, create_template, default_template
from tests.factories import CommunityFactory
from tests.oversight.factories import program_cop

pytestmark = pytest.mark.django_db


@pytest.fixture
def cop():
    return program_cop(started_on=dt.date(2026, 1, 5), provider_zone="UTC")


def test_the_default_template_asks_about_each_value_cycle_once_and_is_made_once():
    first = default_template()
    again = default_template()

    assert first == again
    assert SurveyTemplate.objects.filter(is_default=True).count() == 1
    texts = list(first.questions.values_list("text", flat=True))
    assert len(texts) == len(DEFAULT_QUESTIONS)
    for cycle in ("Immediate", "Potential", "Applied", "Realised", "Reframing"):
        assert any(text.startswith(f"{cycle} value") for text in texts), cycle
    kinds = set(first.questions.values_list("kind", flat=True))
    assert kinds == set(QuestionKind.values)


def test_a_facilitator_starts_a_cop_template_from_the_default(client, cop):
    community, (facilitator,), _provider, _leader = cop
    client.force_login(facilitator)

    response = client.post(
        reverse("oversight:cop_survey_templates", args=[community.slug]),
        {"name": "Spring check", "start_from_default": "on"},
    )

    template = SurveyTemplate.objects.get(community=community)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "oversight:cop_survey_template", args=[community.slug, template.pk]
    )
    assert template.name == "Spring check"
    assert template.questions.count() == len(DEFAULT_QUESTIONS)
    assert default_template().questions.count() == len(DEFAULT_QUESTIONS)  # a copy, not a move


def test_the_list_shows_the_cops_program_and_default_templates_but_not_another_cops(client, cop):
    community, (facilitator,), _provider, _leader = cop
    create_template(name="Program wide", program=community.program)
    create_template(name="Other CoP's", community=CommunityFactory())
    client.force_login(facilitator)

    html = client.get(reverse("oversight:cop_survey_templates", args=[community.slug])).content
    html = html.decode()

    assert "Program wide" in html
    assert "Value created by the community (default)" in html
    assert "Other CoP&#x27;s" not in html and "Other CoP's" not in html


def editor(template, community) -> str:
    return reverse("oversight:cop_survey_template", args=[community.slug, template.pk])


def test_questions_are_added_in_order_and_removed(client, cop):
    community, (facilitator,), _provider, _leader = cop
    template = create_template(name="Ours", community=community)
    client.force_login(facilitator)
    url = editor(template, community)

    client.post(url, {"add": "1", "text": "Useful?", "kind": "likert", "required": "on"})
    client.post(url, {"add": "1", "text": "Which?", "kind": "multiple", "choices": "A\n B \n\nC"})

    first, second = template.questions.all()
    assert (first.text, first.position, first.required) == ("Useful?", 1, True)
    assert (second.position, second.choice_list, second.required) == (2, ["A", "B", "C"], False)
    assert "Which?" in client.get(url).content.decode()

    delete = reverse(
        "oversight:cop_survey_question_delete", args=[community.slug, template.pk, first.pk]
    )
    assert client.post(delete).status_code == 302
    assert list(template.questions.all()) == [second]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "Pick", "kind": "single", "choices": "Only one"}, "at least two choices"),
        ({"text": "Pick", "kind": "multiple", "choices": "A\nA"}, "must differ"),
        ({"text": "Scale", "kind": "likert", "choices": "A\nB"}, "Only a choice question"),
        ({"text": "", "kind": "text"}, "This field is required"),
        ({"text": "Odd", "kind": "ranking"}, "Select a valid choice"),
    ],
)
def test_a_bad_question_is_refused_with_its_reason_and_nothing_stored(client, cop, data, message):
    community, (facilitator,), _provider, _leader = cop
    template = create_template(name="Ours", community=community)
    client.force_login(facilitator)

    response = client.post(editor(template, community), {"add": "1", **data})

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not SurveyQuestion.objects.filter(template=template).exists()


def test_a_template_is_renamed_and_an_empty_name_refused(client, cop):
    community, (facilitator,), _provider, _leader = cop
    template = create_template(name="Ours", community=community)
    client.force_login(facilitator)

    assert client.post(editor(template, community), {"rename": "1", "name": ""}).status_code == 422
    client.post(editor(template, community), {"rename": "1", "name": "Autumn"})

    template.refresh_from_db()
    assert template.name == "Autumn"


def test_another_cops_or_the_default_template_is_not_found_in_this_cops_editor(client, cop):
    community, (facilitator,), _provider, _leader = cop
    other = create_template(name="Theirs", community=CommunityFactory())
    client.force_login(facilitator)

    assert client.get(editor(other, community)).status_code == 404
    assert client.get(editor(default_template(), community)).status_code == 404
    program_one = create_template(name="Program", program=community.program)
    assert (
        client.post(editor(program_one, community), {"rename": "1", "name": "X"}).status_code == 404
    )
    program_one.refresh_from_db()
    assert program_one.name == "Program"


def test_a_tta_leader_edits_the_programs_templates(client, cop):
    community, _facilitators, _provider, leader = cop
    program = community.program
    client.force_login(leader)

    client.post(reverse("oversight:program_survey_templates", args=[program.slug]), {"name": "P"})
    template = SurveyTemplate.objects.get(program=program)
    url = reverse("oversight:program_survey_template", args=[program.slug, template.pk])
    client.post(url, {"add": "1", "text": "Open?", "kind": "text"})

    assert template.questions.get().kind == QuestionKind.TEXT
    assert template.questions.count() == 1  # no copy of the default unless asked
    page = client.get(reverse("oversight:program_survey_templates", args=[program.slug]))
    assert "P" in page.content.decode()
