"""The toolkit in the demo: TTA-provided templates and tools, CoPs' links, a video, featured
items and a template file that downloads; safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from communities.models import Community, User
from toolkit.models import FeaturedResource, KnowledgeEntry, Resource, ResourceKind, SharedItem

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Resource, FeaturedResource)}


def test_seed_demo_adds_a_toolkit_once_when_run_twice(client):
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    assert Resource.objects.filter(program__isnull=False).count() == 3
    assert Resource.objects.filter(kind=ResourceKind.VIDEO).exists()
    assert first["FeaturedResource"] == 4
    template = Resource.objects.get(title="CoP charter template")
    community = Community.objects.get(slug="peer-support-supervisors")
    client.force_login(User.objects.get(email="member@example.org"))
    download = client.get(reverse("toolkit:download", args=[community.slug, template.pk]))
    assert b"".join(download.streaming_content).startswith(b"CoP charter")


def test_seed_demo_adds_knowledge_entries_a_draft_and_a_brokered_resource_once(client):
    call_command("seed_demo", stdout=StringIO())
    first = (KnowledgeEntry.objects.count(), SharedItem.objects.count())
    call_command("seed_demo", stdout=StringIO())

    assert (KnowledgeEntry.objects.count(), SharedItem.objects.count()) == first
    assert KnowledgeEntry.objects.filter(published_at__isnull=False).count() == 3
    assert KnowledgeEntry.objects.filter(published_at__isnull=True).count() == 1
    shared = SharedItem.objects.get()
    assert (shared.source.slug, shared.community.slug) == ("recovery-leaders", "rural-outreach")
    client.force_login(User.objects.get(email="editor@example.org"))
    toolkit = client.get(reverse("toolkit:list", args=["rural-outreach"])).content.decode()
    assert "Staffing plan template" in toolkit and "shared from Recovery Leaders" in toolkit
    program = Community.objects.get(slug="rural-outreach").program
    client.force_login(User.objects.get(email="member@example.org"))
    body = client.get(reverse("toolkit:program_knowledge", args=[program.slug])).content.decode()
    assert "Telehealth kiosks" in body and "Pair new peer specialists" in body
    assert "shared on-call rota" not in body
