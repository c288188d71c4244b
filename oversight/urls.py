from django.urls import path

from oversight import views

app_name = "oversight"

urlpatterns = [
    path("cops/<slug:slug>/check-ins/", views.checkin_list, name="checkins"),
    path("cops/<slug:slug>/check-ins/record/", views.checkin_record, name="checkin_record"),
    path("cops/<slug:slug>/check-ins/status/", views.status_update, name="status_update"),
    path("cops/<slug:slug>/check-ins/cadence/", views.checkin_cadence, name="checkin_cadence"),
    path("check-ins/", views.my_checkins, name="my_checkins"),
]
