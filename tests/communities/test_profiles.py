import datetime as dt

import pytest
from django.urls import reverse

from communities.models import NotificationPreference, Tag, User
from communities.notifications.preferences import notification_modes
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SETTINGS_URLS = [
    "communities:profile_edit",
    "communities:notification_settings",
    "communities:account_delete",
]


def profile_data(**overrides):
    data = {
        "name": "Sam Rivera",
        "handle": "sam_r",
        "organisation": "County Health",
        "job_title": "Peer specialist",
        "bio": "Ten years in recovery support.",
        "timezone": "America/Chicago",
        "expertise": "peer coaching, Data use, peer coaching",
        "needs": "grant writing",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("url_name", SETTINGS_URLS)
def test_settings_pages_of_another_person_are_not_found(client, url_name):
    owner, intruder = UserFactory(), UserFactory()
    client.force_login(intruder)

    assert client.get(reverse(url_name, args=[owner.handle])).status_code == 404
    assert client.post(reverse(url_name, args=[owner.handle]), {}).status_code == 404
    assert User.objects.filter(pk=owner.pk, is_active=True, name=owner.name).exists()


@pytest.mark.parametrize("url_name", [*SETTINGS_URLS, "communities:profile"])
def test_anonymous_visitors_are_sent_to_login_and_back(client, url_name):
    person = UserFactory()
    url = reverse(url_name, args=[person.handle])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_staff_cannot_edit_someone_elses_profile(client):
    person = UserFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        reverse("communities:profile_edit", args=[person.handle]), profile_data()
    )

    assert response.status_code == 404
    person.refresh_from_db()
    assert person.name != "Sam Rivera"


def test_editing_own_profile_saves_fields_and_tags(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(
        reverse("communities:profile_edit", args=[person.handle]), profile_data(), follow=True
    )

    assert "Profile saved." in response.content.decode()
    person.refresh_from_db()
    assert (person.name, person.handle, person.timezone) == (
        "Sam Rivera",
        "sam_r",
        "America/Chicago",
    )
    assert sorted(t.name for t in person.expertise.all()) == ["Data use", "peer coaching"]
    assert [t.name for t in person.needs.all()] == ["grant writing"]
    assert response.redirect_chain[-1][0] == reverse("communities:profile_edit", args=["sam_r"])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"handle": "taken"}, "already exists"),
        ({"handle": "No Spaces!"}, "Use 2 to 30 lower-case letters"),
        ({"timezone": "Mars/Olympus_Mons"}, "Select a valid choice"),
        ({"expertise": ", ".join(f"topic {n}" for n in range(21))}, "at most 20 topics"),
        ({"bio": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_invalid_profile_input_is_explained_and_changes_nothing(client, overrides, message):
    UserFactory(handle="taken")
    person = UserFactory(name="Before")
    client.force_login(person)

    response = client.post(
        reverse("communities:profile_edit", args=[person.handle]), profile_data(**overrides)
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Before"
    assert not Tag.objects.exists()


def test_profile_page_shows_times_in_the_viewers_zone(client):
    person = UserFactory(date_joined=dt.datetime(2026, 1, 15, 18, 30, tzinfo=dt.UTC))
    chicago_viewer = UserFactory(timezone="America/Chicago")
    tokyo_viewer = UserFactory(timezone="Asia/Tokyo")
    url = reverse("communities:profile", args=[person.handle])

    client.force_login(chicago_viewer)
    assert "15 January 2026, 12:30 CST" in client.get(url).content.decode()
    client.force_login(tokyo_viewer)
    assert "16 January 2026, 03:30 JST" in client.get(url).content.decode()


def test_anonymous_visitors_see_the_sites_zone(client, settings):
    settings.TIME_ZONE = "America/New_York"

    assert "Times are shown in America/New_York." in client.get(reverse("home")).content.decode()


def test_notification_preferences_default_to_immediately_and_save_per_kind(client):
    person = UserFactory()
    client.force_login(person)
    url = reverse("communities:notification_settings", args=[person.handle])
    modes = notification_modes(user=person)
    assert set(modes.values()) == {"immediately"}
    assert "email_verification" not in modes  # transactional kinds are not a choice

    response = client.post(url, {**modes, "reply": "daily", "mention": "off"}, follow=True)

    assert "Notification preferences saved." in response.content.decode()
    saved = notification_modes(user=person)
    assert (saved["reply"], saved["mention"], saved["ping"]) == ("daily", "off", "immediately")


def test_an_unknown_delivery_mode_is_refused_and_changes_nothing(client):
    person = UserFactory()
    client.force_login(person)
    url = reverse("communities:notification_settings", args=[person.handle])

    response = client.post(url, {**notification_modes(user=person), "reply": "hourly"})

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_deleting_an_account_needs_the_password(client):
    person = UserFactory()
    client.force_login(person)
    url = reverse("communities:account_delete", args=[person.handle])

    response = client.post(url, {"password": "not-it"})

    assert response.status_code == 422
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=person.pk).exists()


def test_deleting_an_account_removes_the_person_and_logs_them_out(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(
        reverse("communities:account_delete", args=[person.handle]),
        {"password": PASSWORD},
        follow=True,
    )

    assert "Your account has been deleted." in response.content.decode()
    assert not User.objects.filter(pk=person.pk).exists()
    assert "_auth_user_id" not in client.session


def test_sign_up_handles_stay_unique(client):
    UserFactory(handle="jo")
    UserFactory(handle="jo2")

    client.post(
        reverse("account_signup"),
        {
            "email": "jo@example.org",
            "password1": "Pr4ctice-makes-community",
            "password2": "Pr4ctice-makes-community",
        },
    )

    assert User.objects.get(email="jo@example.org").handle == "jo3"
