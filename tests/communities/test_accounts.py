import re
from email import message_from_bytes

import pytest
from django.conf import settings
from django.urls import reverse

from communities.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# Mail is enqueued only when the request's transaction commits; inside a test's transaction the
# capture fixture runs those on-commit callbacks, as a real commit would.

NEW_PASSWORD = "Pr4ctice-makes-community"  # noqa: S105
# Account emails link to SITE_URL, not to the host the request came in on ("testserver").
ON_SITE = re.escape(settings.SITE_URL)


def sign_up(client, email="new.person@example.org", password2=NEW_PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": NEW_PASSWORD, "password2": password2},
    )


def test_sign_up_sends_a_verification_email_with_text_and_html_parts(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.handle == "new_person"
    assert len(mailoutbox) == 1
    parsed = message_from_bytes(mailoutbox[0].message().as_bytes())
    assert parsed.get_content_type() == "multipart/alternative"
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in parsed.get_payload()
    }
    assert set(parts) == {"text/plain", "text/html"}
    link = re.search(rf"{ON_SITE}(/accounts/confirm-email/[^/\s]+/)", parts["text/plain"])
    assert link, parts["text/plain"]
    assert link.group(1) in parts["text/html"]


def test_verification_link_confirms_the_address_and_then_login_works(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    path = re.search(rf"{ON_SITE}(\S+confirm-email/\S+/)", mailoutbox[0].body).group(1)
    client.logout()

    # Unverified: mandatory verification stops the login.
    response = client.post(
        reverse("account_login"), {"login": "new.person@example.org", "password": NEW_PASSWORD}
    )
    assert "_auth_user_id" not in client.session

    assert client.get(path).status_code == 200
    client.post(path)
    response = client.post(
        reverse("account_login"), {"login": "new.person@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_sign_up_explains_and_creates_nobody_when_passwords_differ(client):
    response = sign_up(client, password2="Something-else-entirely-1")

    assert response.status_code == 200
    assert "You must type the same password each time." in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_creates_no_second_account_when_email_is_taken(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="taken@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email="Taken@Example.org")

    # allauth does not reveal who has an account: it says "check your inbox" and emails the
    # owner of the address instead of creating a second account.
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert response.status_code in {200, 302}
    assert [m.to for m in mailoutbox] == [["taken@example.org"]]
    assert "already" in mailoutbox[0].body.lower()


def test_login_rate_limit_stops_even_the_right_password_after_repeated_failures(client):
    person = UserFactory(email="target@example.org")
    for _attempt in range(5):
        response = client.post(
            reverse("account_login"), {"login": person.email, "password": "wrong-guess"}
        )
        assert response.status_code == 200

    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_ignores_a_next_parameter_that_leaves_the_site(client):
    person = UserFactory()

    response = client.post(
        reverse("account_login") + "?next=https://elsewhere.example/",
        {"login": person.email, "password": PASSWORD, "next": "https://elsewhere.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_login_follows_a_next_parameter_on_the_site(client):
    person = UserFactory()
    target = reverse("communities:profile_edit", args=[person.handle])

    response = client.post(
        reverse("account_login"), {"login": person.email, "password": PASSWORD, "next": target}
    )

    assert response["Location"] == target


def test_logout_needs_a_post(client):
    person = UserFactory()
    client.force_login(person)

    client.get(reverse("account_logout"))
    assert "_auth_user_id" in client.session

    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_email_has_text_and_html_parts(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})

    assert len(mailoutbox) == 1
    html = {alt.mimetype: alt.content for alt in mailoutbox[0].alternatives}["text/html"]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
    assert "/accounts/password/reset/key/" in html


def test_changing_email_sends_a_verification_to_the_new_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(email="old@example.org")
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "fresh@example.org"}
        )

    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["fresh@example.org"]]
    person.refresh_from_db()
    # The login address changes only once the new one is verified.
    assert person.email == "old@example.org"


def test_a_changed_email_becomes_the_login_once_verified(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(email="old@example.org")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_add": "", "email": "fresh@example.org"})
    path = re.search(rf"{ON_SITE}(\S+confirm-email/\S+/)", mailoutbox[0].body).group(1)

    client.post(path)

    person.refresh_from_db()
    assert person.email == "fresh@example.org"
    client.logout()
    client.post(reverse("account_login"), {"login": "fresh@example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(person.pk)
