"""A CSV saved by a spreadsheet in Windows-1252 or Latin-1 is read, not refused (issue 10, 24)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.models import Invitation, Role
from tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8"])
def test_a_csv_in_a_western_encoding_invites_its_addresses(
    client, django_capture_on_commit_callbacks, encoding
):
    manager = MembershipFactory(community=CommunityFactory(), roles=[Role.MEMBERSHIP_MANAGER])
    client.force_login(manager.user)
    content = "José Núñez <jose@example.org>\nZoë Brontë,zoe@example.org\nnot ä address\n"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:invite", args=[manager.community.slug]),
            {
                "csv_file": SimpleUploadedFile("people.csv", content.encode(encoding)),
                "mode": "invite",
            },
            follow=True,
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Done: 0 added, 2 invited, 1 skipped." in page
    assert "not ä address" in page
    assert set(Invitation.objects.values_list("email", flat=True)) == {
        "jose@example.org",
        "zoe@example.org",
    }
