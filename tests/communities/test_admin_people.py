import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def change_form_data(person) -> dict:
    """What the admin's change form posts back for `person` when nothing else is edited."""
    return {
        "email": person.email,
        "name": person.name,
        "handle": person.handle,
        "organisation": person.organisation,
        "job_title": person.job_title,
        "bio": person.bio,
        "timezone": person.timezone,
        "is_active": "on",
        "date_joined_0": person.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": person.date_joined.strftime("%H:%M:%S"),
        "notification_preferences-TOTAL_FORMS": "0",
        "notification_preferences-INITIAL_FORMS": "0",
    }


def test_staff_mark_a_person_a_tta_leader_through_the_admin_change_form(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory(name="Ada Example")
    client.force_login(staff)
    url = reverse("admin:communities_user_change", args=[person.pk])

    form = client.get(url).content.decode()
    response = client.post(url, {**change_form_data(person), "is_tta_leader": "on"})

    assert 'name="is_tta_leader"' in form
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.is_tta_leader


def test_the_people_list_filters_tta_leaders(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    UserFactory(email="leads.programs@example.org", is_tta_leader=True)
    UserFactory(email="plain.member@example.org")
    client.force_login(staff)

    url = reverse("admin:communities_user_changelist")
    everyone = client.get(url).content.decode()
    html = client.get(url, {"is_tta_leader__exact": "1"}).content.decode()

    assert "By TTA leader" in everyone
    assert "leads.programs@example.org" in html
    assert "plain.member@example.org" not in html
