from django.urls import path

from oversight.views import (
    checkins,
    cop_dashboard,
    dashboard_refresh,
    evaluation_results,
    evaluations,
    program_dashboard,
    surveys,
)

app_name = "oversight"

urlpatterns = [
    path("cops/<slug:slug>/check-ins/", checkins.checkin_list, name="checkins"),
    path("cops/<slug:slug>/check-ins/record/", checkins.checkin_record, name="checkin_record"),
    path("cops/<slug:slug>/check-ins/status/", checkins.status_update, name="status_update"),
    path("cops/<slug:slug>/check-ins/cadence/", checkins.checkin_cadence, name="checkin_cadence"),
    path("check-ins/", checkins.my_checkins, name="my_checkins"),
]

# Evaluations (step 2): survey templates of a CoP and of a program.
urlpatterns += [
    path(
        "cops/<slug:slug>/survey-templates/",
        surveys.cop_survey_templates,
        name="cop_survey_templates",
    ),
    path(
        "cops/<slug:slug>/survey-templates/<int:pk>/",
        surveys.cop_survey_template,
        name="cop_survey_template",
    ),
    path(
        "cops/<slug:slug>/survey-templates/<int:pk>/questions/<int:question_pk>/delete/",
        surveys.cop_survey_question_delete,
        name="cop_survey_question_delete",
    ),
    path(
        "programs/<slug:slug>/survey-templates/",
        surveys.program_survey_templates,
        name="program_survey_templates",
    ),
    path(
        "programs/<slug:slug>/survey-templates/<int:pk>/",
        surveys.program_survey_template,
        name="program_survey_template",
    ),
    path(
        "programs/<slug:slug>/survey-templates/<int:pk>/questions/<int:question_pk>/delete/",
        surveys.program_survey_question_delete,
        name="program_survey_question_delete",
    ),
]

# Evaluations (step 2): scheduling for a CoP or a program, and the emailed survey link.
urlpatterns += [
    path("cops/<slug:slug>/evaluations/", evaluations.cop_evaluations, name="cop_evaluations"),
    path(
        "cops/<slug:slug>/evaluations/schedule/",
        evaluations.cop_evaluation_schedule,
        name="cop_evaluation_schedule",
    ),
    path(
        "cops/<slug:slug>/evaluations/<int:pk>/remind/",
        evaluations.evaluation_remind,
        name="evaluation_remind",
    ),
    path(
        "programs/<slug:slug>/evaluations/",
        evaluations.program_evaluations,
        name="program_evaluations",
    ),
    path("survey/<str:token>/", evaluations.survey, name="survey"),
    path(
        "cops/<slug:slug>/evaluations/<int:pk>/results/",
        evaluation_results.cop_results,
        name="evaluation_results",
    ),
    path(
        "cops/<slug:slug>/evaluations/<int:pk>/results/csv/",
        evaluation_results.cop_results_csv,
        name="evaluation_results_csv",
    ),
    path(
        "cops/<slug:slug>/evaluations/<int:pk>/results/questions/<int:question_pk>/",
        evaluation_results.cop_question_answers,
        name="evaluation_results_question",
    ),
    path(
        "programs/<slug:slug>/evaluations/<int:pk>/results/",
        evaluation_results.program_results,
        name="program_evaluation_results",
    ),
    path(
        "programs/<slug:slug>/evaluations/<int:pk>/results/csv/",
        evaluation_results.program_results_csv,
        name="program_evaluation_results_csv",
    ),
    path(
        "programs/<slug:slug>/evaluations/<int:pk>/results/questions/<int:question_pk>/",
        evaluation_results.program_question_answers,
        name="program_evaluation_results_question",
    ),
    path(
        "programs/<slug:slug>/evaluations/<int:pk>/remind/",
        evaluation_results.program_remind,
        name="program_evaluation_remind",
    ),
]

# The CoP dashboard (step 3): one CoP's figures and charts, and its members' rows as a CSV.
urlpatterns += [
    path("cops/<slug:slug>/dashboard/", cop_dashboard.cop_dashboard, name="cop_dashboard"),
    path(
        "cops/<slug:slug>/dashboard/members.csv",
        cop_dashboard.cop_dashboard_members_csv,
        name="cop_dashboard_members_csv",
    ),
]

# Dashboards (step 3): a program's dashboard for its TTA leaders and providers, and its CSV.
urlpatterns += [
    path(
        "programs/<slug:slug>/dashboard/",
        program_dashboard.program_dashboard,
        name="program_dashboard",
    ),
    path(
        "programs/<slug:slug>/dashboard/csv/",
        program_dashboard.program_dashboard_csv,
        name="program_dashboard_csv",
    ),
]

# Dashboards (step 3): queue a refresh of the figures now rather than at the next beat.
urlpatterns += [
    path(
        "programs/<slug:slug>/dashboard/refresh/",
        dashboard_refresh.program_dashboard_refresh,
        name="program_dashboard_refresh",
    ),
    path(
        "cops/<slug:slug>/dashboard/refresh/",
        dashboard_refresh.cop_dashboard_refresh,
        name="cop_dashboard_refresh",
    ),
]
