import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communities.models import Invitation, MemberImport, Membership, Role, User
from communities.services import invite
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Pr4ctice-makes-community"  # noqa: S105


def invitation_path(mail) -> str:
    return re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", mail.body).group(1)


@pytest.fixture
def manager():
    return MembershipFactory(
        community=CommunityFactory(visibility="private", join_policy="invitation"),
        roles=[Role.MEMBERSHIP_MANAGER],
    )


def send_invitation(manager, email, capture, mailoutbox):
    with capture(execute=True):
        invite(actor=manager.user, community=manager.community, email=email)
    return invitation_path(mailoutbox[-1])


def test_a_logged_in_invitee_joins_in_one_click(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="sam@example.org")
    path = send_invitation(
        manager, "Sam@Example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    client.force_login(invitee)

    page = client.get(path)
    response = client.post(path, follow=True)

    assert "Accept the invitation" in page.content.decode()
    assert "Welcome to" in response.content.decode()
    assert Membership.objects.filter(community=manager.community, user=invitee).exists()


def test_a_new_person_signs_up_from_the_link_without_another_verification(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    path = send_invitation(
        manager, "new@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    sent = len(mailoutbox)

    page = client.get(path)
    signup = client.get(reverse("account_signup"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )

    assert "Create my account and join" in page.content.decode()
    assert 'value="new@example.org"' in signup.content.decode()
    person = User.objects.get(email="new@example.org")
    assert Membership.objects.filter(community=manager.community, user=person).exists()
    assert person.emailaddress_set.get().verified
    assert len(mailoutbox) == sent  # no verification email
    assert client.session["_auth_user_id"] == str(person.pk)


def test_an_invitation_works_once(client, manager, mailoutbox, django_capture_on_commit_callbacks):
    invitee = UserFactory(email="sam@example.org")
    path = send_invitation(
        manager, "sam@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    client.force_login(invitee)
    client.post(path)
    first_accepted_at = Invitation.objects.get().accepted_at

    again = client.post(path)

    assert again.status_code == 410
    assert "already used" in again.content.decode()
    assert first_accepted_at is not None
    assert Invitation.objects.get().accepted_at == first_accepted_at
    assert Membership.objects.filter(community=manager.community, user=invitee).count() == 1


def test_an_expired_invitation_changes_nothing(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="sam@example.org")
    path = send_invitation(
        manager, "sam@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(invitee)

    response = client.post(path)

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user=invitee).exists()


def test_an_invitation_for_another_address_is_refused(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    path = send_invitation(
        manager, "sam@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    client.force_login(UserFactory(email="someone.else@example.org"))

    response = client.post(path)

    assert response.status_code == 403
    assert "for someone else" in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_a_tampered_token_is_not_found(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    path = send_invitation(
        manager, "sam@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    client.force_login(UserFactory(email="sam@example.org"))

    response = client.post(path[:-3] + "xx/")

    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_an_invitee_with_an_account_is_asked_to_log_in_and_comes_back(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="sam@example.org")
    path = send_invitation(
        manager, "sam@example.org", django_capture_on_commit_callbacks, mailoutbox
    )

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={path}"


def test_inviting_again_replaces_the_old_link(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    old = send_invitation(
        manager, "sam@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    new = send_invitation(
        manager, "sam@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    client.force_login(UserFactory(email="sam@example.org"))

    assert client.post(old).status_code == 404
    assert client.post(new).status_code == 302
    assert Invitation.objects.count() == 1


def test_the_invitation_email_has_text_and_html_and_no_unsubscribe(
    manager, mailoutbox, django_capture_on_commit_callbacks
):
    path = send_invitation(
        manager, "sam@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    mail = mailoutbox[-1]

    assert manager.community.name in mail.subject
    assert path in mail.alternatives[0].content
    assert "List-Unsubscribe" not in mail.extra_headers


# --- Lists of people --------------------------------------------------------------------------


def test_pre_assignment_adds_accounts_invites_the_rest_and_lists_bad_lines(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    manager.community.program = ProgramFactory()
    manager.community.save()
    existing = UserFactory(email="known@example.org")
    MembershipFactory(community=manager.community, user=UserFactory(email="in@example.org"))
    client.force_login(manager.user)
    text = "known@example.org\nnew@example.org, NEW@example.org\nnot-an-email\nin@example.org\n"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:invite", args=[manager.community.slug]),
            {"emails": text, "mode": "add"},
            follow=True,
        )

    html = response.content.decode()
    assert "Done: 1 added, 1 invited, 3 skipped." in html
    assert "not an email address" in html
    assert "listed twice" in html
    assert re.search(r"Members already</dt>\s*<dd[^>]*>1<", html)
    assert Membership.objects.filter(community=manager.community, user=existing).exists()
    # The new address is invited; the added account is told, with a way to leave.
    assert sorted(m.to[0] for m in mailoutbox) == ["known@example.org", "new@example.org"]


def test_a_csv_file_is_read(client, manager, django_capture_on_commit_callbacks):
    client.force_login(manager.user)
    csv_file = SimpleUploadedFile(
        "people.csv", b"name,email\nAvery,avery@example.org\nBlake,blake@example.org\n"
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:invite", args=[manager.community.slug]),
            {"csv_file": csv_file, "mode": "invite"},
        )

    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "avery@example.org",
        "blake@example.org",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not a text CSV"),
        (b"a@example.org\x00b@example.org", "not a text CSV"),
    ],
)
def test_a_file_that_is_not_text_is_refused(client, manager, content, message):
    client.force_login(manager.user)

    response = client.post(
        reverse("communities:invite", args=[manager.community.slug]),
        {"csv_file": SimpleUploadedFile("people.csv", content), "mode": "invite"},
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not MemberImport.objects.exists()


def test_more_than_two_thousand_lines_are_refused(client, manager):
    client.force_login(manager.user)
    text = "\n".join(f"p{n}@example.org" for n in range(2001))

    response = client.post(
        reverse("communities:invite", args=[manager.community.slug]),
        {"emails": text, "mode": "invite"},
    )

    assert "send at most 2000 at a time" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_long_list_runs_as_a_task_and_the_page_shows_progress(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager.user)
    text = "\n".join(f"p{n}@example.org" for n in range(120))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("communities:invite", args=[manager.community.slug]),
            {"emails": text, "mode": "invite"},
        )
    progress_url = response["Location"]
    waiting = client.get(progress_url, headers={"HX-Request": "true"})
    for callback in callbacks:
        callback()  # the worker runs the import after the request's commit
    done = client.get(progress_url, headers={"HX-Request": "true"})

    assert "Working: 0 of 120" in waiting.content.decode()
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    assert "HX-Request" in waiting["Vary"]
    assert "<html" not in waiting.content.decode()
    assert "Done: 0 added, 120 invited, 0 skipped." in done.content.decode()
    assert "hx-trigger" not in done.content.decode()
    assert Invitation.objects.count() == 120


def test_an_invitation_to_an_archived_cop_is_closed(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    invitee = UserFactory(email="sam@example.org")
    path = send_invitation(
        manager, "sam@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    manager.community.stage = "archived"
    manager.community.save()
    client.force_login(invitee)

    response = client.post(path)

    assert response.status_code == 410
    assert "archived" in response.content.decode()
    assert not Membership.objects.filter(user=invitee).exists()


def test_an_invitee_who_signs_up_with_another_address_keeps_the_invitation(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    path = send_invitation(
        manager, "work@example.org", django_capture_on_commit_callbacks, mailoutbox
    )
    sent = len(mailoutbox)

    page = client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "home@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )

    assert "create it with another address instead: the invitation stays yours" in (
        page.content.decode()
    )
    # The account is the address they typed, and that address is verified as usual.
    person = User.objects.get(email="home@example.org")
    assert list(person.emailaddress_set.values_list("email", "verified")) == [
        ("home@example.org", False)
    ]
    assert [m.to for m in mailoutbox[sent:]] == [["home@example.org"]]
    assert "_auth_user_id" not in client.session
    # The invitation went with them.
    assert Membership.objects.filter(community=manager.community, user=person).exists()
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == person

    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[-1].body)
    client.post(confirm.group(1))
    client.post(reverse("account_login"), {"login": "home@example.org", "password": PASSWORD})
    assert client.get(manager.community.get_absolute_url()).status_code == 200
