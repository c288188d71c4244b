"""The toolkit's scale data (`manage.py seed_scale` at a tiny factor): its rows hang together as
the app's own writes would leave them, and a seeded CoP's toolkit and resource pages answer."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from communities.models import Membership
from toolkit.models import FeaturedResource, PromptThread, Resource, ResourceTally, ResourceUse

pytestmark = pytest.mark.django_db

TINY = 0.01


def test_seed_scale_adds_toolkits_whose_rows_hang_together(client):
    call_command("seed_scale", factor=TINY, yes_really=True, stdout=io.StringIO())

    assert Resource.objects.filter(program__isnull=False).exists()
    assert Resource.objects.filter(community__isnull=False, tags__isnull=False).exists()
    # Featured items and figures are of resources the CoP's toolkit lists.
    for model in (FeaturedResource, ResourceTally):
        rows = model.objects.select_related("resource", "community")
        assert rows.exists()
        for row in rows:
            resource, community = row.resource, row.community
            assert resource.community_id == community.pk or (
                resource.program_id == community.program_id
            )
    assert not FeaturedResource.objects.filter(resource__retired_at__isnull=False).exists()
    assert not ResourceUse.objects.exclude(user__memberships__community=F("community")).exists()
    assert not PromptThread.objects.exclude(thread__community=F("community")).exists()
    link = PromptThread.objects.select_related("community", "resource").first()
    member = Membership.objects.filter(community=link.community).first().user
    client.force_login(member)
    assert client.get(link.resource.url_in(link.community)).status_code == 200
    assert client.get(f"/cops/{link.community.slug}/toolkit/").status_code == 200


def test_seed_scale_adds_knowledge_entries_sharing_choices_and_brokered_resources(client):
    from toolkit.models import KnowledgeEntry, ProgramSharing, SharedItem  # noqa: PLC0415

    call_command("seed_scale", factor=TINY, yes_really=True, stdout=io.StringIO())

    assert KnowledgeEntry.objects.filter(published_at__isnull=False).exists()
    assert KnowledgeEntry.objects.filter(published_at__isnull=True).exists()
    assert not KnowledgeEntry.objects.exclude(
        author__memberships__community=F("community")
    ).exists()
    assert not ProgramSharing.objects.filter(community__program__isnull=True).exists()
    # A share goes between two CoPs of one program, of the source's own live resource.
    for item in SharedItem.objects.select_related("community", "source", "resource"):
        assert item.community.program_id == item.source.program_id
        assert item.community_id != item.source_id
        assert item.resource.community_id == item.source_id and not item.resource.is_retired
    entry = (
        KnowledgeEntry.objects.filter(published_at__isnull=False)
        .select_related("community")
        .first()
    )
    member = Membership.objects.filter(community=entry.community).first().user
    client.force_login(member)
    assert client.get(entry.get_absolute_url()).status_code == 200
    if entry.community.program:
        url = f"/programs/{entry.community.program.slug}/knowledge/"
        assert entry.title in client.get(url).content.decode()
