"""Account emails name the site and its domain from the settings (SITE_NAME, SITE_URL), never
"localhost" or "example.com", and their links start with SITE_URL whatever host the request
came in on. allauth reads the Sites row; communities/site.py keeps it to the settings."""

import re

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.urls import reverse

from communities.notifications.sender import notify
from communities.site import sync_site
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAME, URL = "Harbour CoPs", "https://cops.example.net"


@pytest.fixture
def named_site(settings):
    settings.SITE_NAME, settings.SITE_URL = NAME, URL
    sync_site()
    yield
    Site.objects.clear_cache()  # the row rolls back with the test; its cached copy must too


def parts(mail) -> tuple[str, str]:
    return mail.body, next(body for body, mime in mail.alternatives if mime == "text/html")


def sign_up(client):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "Pr4ctice-x!", "password2": "Pr4ctice-x!"},
    )


def reset_password(client):
    client.post(reverse("account_reset_password"), {"email": UserFactory().email})


@pytest.mark.usefixtures("named_site")
@pytest.mark.parametrize(
    ("flow", "path"),
    [(sign_up, "/accounts/confirm-email/"), (reset_password, "/accounts/password/reset/key/")],
)
def test_account_emails_name_the_site_and_link_to_site_url(
    client, mailoutbox, django_capture_on_commit_callbacks, flow, path
):
    with django_capture_on_commit_callbacks(execute=True):
        flow(client)

    (mail,) = mailoutbox
    assert mail.subject.startswith(f"[{NAME}] ")
    for part in parts(mail):
        assert f"Hello from {NAME}!" in part
        assert "cops.example.net" in part  # "Thank you for using …" and its domain
        assert f"{URL}{path}" in part
        links = re.findall(r"https?://[^\s\"'<>]+", part)
        assert links, part
        assert all(link.startswith(URL) for link in links if "/accounts/" in link)
        for wrong in ("localhost", "example.com", "testserver"):
            assert wrong not in part


def test_the_site_row_follows_the_settings_at_every_migrate(settings):
    settings.SITE_NAME, settings.SITE_URL = NAME, URL
    Site.objects.filter(pk=settings.SITE_ID).update(domain="localhost", name="example.com")

    call_command("migrate", verbosity=0, interactive=False)

    Site.objects.clear_cache()
    site = Site.objects.get_current()
    assert (site.name, site.domain) == (NAME, "cops.example.net")
    Site.objects.clear_cache()


def test_notification_emails_name_the_site_from_the_settings(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_NAME = NAME
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        notify(to=person, kind="reply", key="site-name", context={"title": "Hi"}, url="/")

    text, html = parts(mailoutbox[0])
    assert text.startswith(NAME)
    assert f"your account on {NAME}." in text
    assert f">{NAME}</h1>" in html
    assert f"your account on {NAME}." in html
