from django.urls import path

from oversight import evaluation_result_views, evaluation_views, survey_views, views

app_name = "oversight"

urlpatterns = [
    path("cops/<slug:slug>/check-ins/", views.checkin_list, name="checkins"),
    path("cops/<slug:slug>/check-ins/record/", views.checkin_record, name="checkin_record"),
    path("cops/<slug:slug>/check-ins/status/", views.status_update, name="status_update"),
    path("cops/<slug:slug>/check-ins/cadence/", views.checkin_cadence, name="checkin_cadence"),
    path("check-ins/", views.my_checkins, name="my_checkins"),
]

# Evaluations (step 2): survey templates of a CoP and of a program.
urlpatterns += [
    path(
        "cops/<slug:slug>/survey-templates/",
        survey_views.cop_survey_templates,
        name="cop_survey_templates",
    ),
    path(
        "cops/<slug:slug>/survey-templates/<int:pk>/",
        survey_views.cop_survey_template,
        name="cop_survey_template",
    ),
    path(
        "cops/<slug:slug>/survey-templates/<int:pk>/questions/<int:question_pk>/delete/",
        survey_views.cop_survey_question_delete,
        name="cop_survey_question_delete",
    ),
    path(
        "programs/<slug:slug>/survey-templates/",
        survey_views.program_survey_templates,
        name="program_survey_templates",
    ),
    path(
        "programs/<slug:slug>/survey-templates/<int:pk>/",
        survey_views.program_survey_template,
        name="program_survey_template",
    ),
    path(
        "programs/<slug:slug>/survey-templates/<int:pk>/questions/<int:question_pk>/delete/",
        survey_views.program_survey_question_delete,
        name="program_survey_question_delete",
    ),
]

# Evaluations (step 2): scheduling for a CoP or a program, and the emailed survey link.
urlpatterns += [
    path("cops/<slug:slug>/evaluations/", evaluation_views.cop_evaluations, name="cop_evaluations"),
    path(
        "cops/<slug:slug>/evaluations/schedule/",
        evaluation_views.cop_evaluation_schedule,
        name="cop_evaluation_schedule",
    ),
    path(
        "cops/<slug:slug>/evaluations/<int:pk>/remind/",
        evaluation_views.evaluation_remind,
        name="evaluation_remind",
    ),
    path(
        "programs/<slug:slug>/evaluations/",
        evaluation_views.program_evaluations,
        name="program_evaluations",
    ),
    path("survey/<str:token>/", evaluation_views.survey, name="survey"),
    path(
        "cops/<slug:slug>/evaluations/<int:pk>/results/",
        evaluation_result_views.cop_results,
        name="evaluation_results",
    ),
    path(
        "cops/<slug:slug>/evaluations/<int:pk>/results/csv/",
        evaluation_result_views.cop_results_csv,
        name="evaluation_results_csv",
    ),
    path(
        "programs/<slug:slug>/evaluations/<int:pk>/results/",
        evaluation_result_views.program_results,
        name="program_evaluation_results",
    ),
    path(
        "programs/<slug:slug>/evaluations/<int:pk>/results/csv/",
        evaluation_result_views.program_results_csv,
        name="program_evaluation_results_csv",
    ),
    path(
        "programs/<slug:slug>/evaluations/<int:pk>/remind/",
        evaluation_result_views.program_remind,
        name="program_evaluation_remind",
    ),
]
