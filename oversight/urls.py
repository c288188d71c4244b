from django.urls import path

from oversight import survey_views, views

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
