"""Oversight's part of the permission matrix. The runner is `tests/test_permission_matrix.py`.

Check-ins are for a CoP's facilitators and those who oversee it: plain members and every other
role get a 403 (a 404 where they may not know the CoP), so do outsiders of a public CoP."""

from oversight.surveys import add_question, create_template
from tests.matrix import AppMatrix, Spec

RECORD = {"held_on": "2025-01-02", "status": "on_track", "notes": "Met the leaders."}
QUESTION = {"add": "1", "text": "Worth it?", "kind": "likert", "required": "on"}
URLS = {
    "oversight:checkins": Spec("checkin.view"),
    "oversight:checkin_record": Spec("checkin.record", ("GET", "POST"), data=RECORD),
    "oversight:status_update": Spec("checkin.answer", ("GET", "POST"), data={"status": "at_risk"}),
    "oversight:checkin_cadence": Spec(
        "checkin.set_cadence", ("GET", "POST"), data={"cadence_days": "7"}
    ),
    # The CoPs the viewer follows as provider or TTA leader: everyone signed in sees only theirs.
    "oversight:my_checkins": Spec(None, scope="site"),
    # Survey templates: a CoP's by its facilitators, a program's by its TTA leaders.
    "oversight:cop_survey_templates": Spec(
        "survey_template.edit", ("GET", "POST"), data={"name": "Ours"}
    ),
    "oversight:cop_survey_template": Spec(
        "survey_template.edit", ("GET", "POST"), data=QUESTION, target="survey_template"
    ),
    "oversight:cop_survey_question_delete": Spec(
        "survey_template.edit",
        ("POST",),
        target={"pk": "survey_template", "question_pk": "survey_question"},
    ),
    "oversight:program_survey_templates": Spec(
        "program_survey_template.edit", ("GET", "POST"), scope="program", data={"name": "Ours"}
    ),
    "oversight:program_survey_template": Spec(
        "program_survey_template.edit",
        ("GET", "POST"),
        scope="program",
        data=QUESTION,
        target="program_survey_template",
    ),
    "oversight:program_survey_question_delete": Spec(
        "program_survey_template.edit",
        ("POST",),
        scope="program",
        target={"pk": "program_survey_template", "question_pk": "program_survey_question"},
    ),
}

CAPABILITIES = {
    "facilitator": {"checkin.view", "checkin.answer", "survey_template.edit"},
    "provider": {"checkin.view", "checkin.record", "checkin.set_cadence"},
    "program_leader": {"checkin.view", "checkin.set_cadence"},
}

PROGRAM_CAPABILITIES = {"program_leader": {"program_survey_template.edit"}}


def build_targets(community, _people) -> dict:
    """A CoP template and a program template, each with one question."""
    mine = create_template(name="Our template", community=community)
    theirs = create_template(name="Program template", program=community.program)
    return {
        "survey_template": mine.pk,
        "survey_question": add_question(template=mine, kind="text", text="Why?").pk,
        "program_survey_template": theirs.pk,
        "program_survey_question": add_question(template=theirs, kind="text", text="How?").pk,
    }


MATRIX = AppMatrix(
    urls=URLS,
    capabilities=CAPABILITIES,
    program_capabilities=PROGRAM_CAPABILITIES,
    build_targets=build_targets,
)
