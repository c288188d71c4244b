"""Oversight's part of the permission matrix. The runner is `tests/test_permission_matrix.py`.

Check-ins are for a CoP's facilitators and those who oversee it: plain members and every other
role get a 403 (a 404 where they may not know the CoP), so do outsiders of a public CoP."""

import datetime as dt

from django.utils import timezone

from oversight.evaluations import schedule_evaluation, survey_token
from oversight.models import Evaluation
from oversight.surveys import add_question, create_template
from tests.matrix import AppMatrix, Spec

RECORD = {"held_on": "2025-01-02", "status": "on_track", "notes": "Met the leaders."}
QUESTION = {"add": "1", "text": "Worth it?", "kind": "likert", "required": "on"}
SCHEDULE = {"title": "Spring", "opens_on": "2099-01-01", "closes_on": "2099-01-10"}
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
    # Evaluations: followed by those who see check-ins; scheduled by facilitators or TTA leaders.
    "oversight:cop_evaluations": Spec("evaluation.view", ("GET",)),
    "oversight:cop_evaluation_schedule": Spec(
        "evaluation.schedule", ("GET", "POST"), data=SCHEDULE
    ),
    "oversight:program_evaluations": Spec(
        "program_evaluation.schedule", ("GET", "POST"), scope="program", data=SCHEDULE
    ),
    "oversight:evaluation_remind": Spec(
        "evaluation.schedule", ("GET", "POST"), target="open_evaluation"
    ),
    "oversight:evaluation_results": Spec("evaluation.view", target="open_evaluation"),
    "oversight:evaluation_results_csv": Spec("evaluation.view", target="open_evaluation"),
    "oversight:evaluation_results_question": Spec(
        "evaluation.view",
        target={"pk": "open_evaluation", "question_pk": "open_evaluation_question"},
    ),
    "oversight:program_evaluation_results": Spec(
        "program_evaluation.view", scope="program", target="program_questions"
    ),
    "oversight:program_evaluation_results_csv": Spec(
        "program_evaluation.view", scope="program", target="program_questions"
    ),
    "oversight:program_evaluation_results_question": Spec(
        "program_evaluation.view",
        scope="program",
        target={"pk": "program_questions", "question_pk": "open_evaluation_question"},
    ),
    "oversight:program_evaluation_remind": Spec(
        "program_evaluation.schedule", ("GET", "POST"), scope="program", target="program_questions"
    ),
    # "Refresh now" on the dashboards: for those who may view them (the dashboards' own rules).
    "oversight:cop_dashboard_refresh": Spec("cop_dashboard.view", ("POST",)),
    "oversight:program_dashboard_refresh": Spec(
        "program_dashboard.view", ("POST",), scope="program"
    ),
    # The emailed survey link, opened by its token alone (test_surveys.py has the rest).
    "oversight:survey": Spec(
        None, ("GET", "POST"), scope="token", login=False, target={"token": "survey_token"}
    ),
    # The program dashboard and its CSV: the program's TTA leaders, and the provider of CoPs in
    # it (who sees only theirs, test_program_dashboard.py); a provider elsewhere is refused there.
    "oversight:program_dashboard": Spec("program_dashboard.view", scope="program"),
    "oversight:program_dashboard_csv": Spec("program_dashboard.view", scope="program"),
}

# The CoP dashboard: its figures for its leaders, usage analysts and those who oversee it; its
# member rows (and their CSV) only for the facilitators and usage analysts (SPEC §6).
URLS |= {
    "oversight:cop_dashboard": Spec("cop_dashboard.view"),
    "oversight:cop_dashboard_members_csv": Spec("cop_dashboard.members"),
}

CAPABILITIES = {
    "facilitator": {
        "checkin.view",
        "checkin.answer",
        "survey_template.edit",
        "evaluation.view",
        "evaluation.schedule",
    },
    "provider": {
        "checkin.view",
        "checkin.record",
        "checkin.set_cadence",
        "evaluation.view",
    },
    "program_leader": {
        "checkin.view",
        "checkin.set_cadence",
        "evaluation.view",
        "evaluation.schedule",
    },
}

# The CoP dashboard (step 3).
for persona, held in {
    "facilitator": {"cop_dashboard.view", "cop_dashboard.members"},
    "usage_analyst": {"cop_dashboard.view", "cop_dashboard.members"},
    "provider": {"cop_dashboard.view"},
    "program_leader": {"cop_dashboard.view"},
}.items():
    CAPABILITIES[persona] = CAPABILITIES.get(persona, set()) | held

PROGRAM_CAPABILITIES = {
    "program_leader": {
        "program_survey_template.edit",
        "program_evaluation.schedule",
        "program_evaluation.view",
        "program_dashboard.view",
    },
    # The provider of the program's CoPs sees the dashboard of the CoPs assigned to them.
    "provider": {"program_dashboard.view"},
}


def build_targets(community, people) -> dict:
    """A CoP template and a program template, each with one question; an evaluation open today,
    its open-text question and the "member" persona's survey link for it."""
    mine = create_template(name="Our template", community=community)
    theirs = create_template(name="Program template", program=community.program)
    return {
        "survey_template": mine.pk,
        "survey_question": add_question(template=mine, kind="text", text="Why?").pk,
        "program_survey_template": theirs.pk,
        "program_survey_question": add_question(template=theirs, kind="text", text="How?").pk,
        **_open_evaluation(community, mine, people["member"]),
    }


def _open_evaluation(community, template, member) -> dict:
    today = timezone.localdate()
    (evaluation,) = schedule_evaluation(
        actor=member,
        template=template,
        title="Spring",
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
        anonymous=True,
        communities=[community],
        program=community.program,
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(invited_at=timezone.now())
    return {
        "open_evaluation": evaluation.pk,
        "program_questions": evaluation.questions_from_id,
        "open_evaluation_question": evaluation.questions_from.questions.get(kind="text").pk,
        "survey_token": survey_token(evaluation=evaluation, person=member),
    }


MATRIX = AppMatrix(
    urls=URLS,
    capabilities=CAPABILITIES,
    program_capabilities=PROGRAM_CAPABILITIES,
    build_targets=build_targets,
)
