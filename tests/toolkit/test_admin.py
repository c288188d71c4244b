"""Staff find resources, featured items, figures and prompt threads in the admin."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.toolkit.factories import ResourceFactory
from toolkit.models import FeaturedResource, PromptThread, ResourceTally
from toolkit.services import reply_to_prompt, set_featured

pytestmark = pytest.mark.django_db


def test_staff_open_every_toolkit_admin_page(client):
    resource = ResourceFactory(title="Budget template", prompt="Tried it?")
    set_featured(
        actor=UserFactory(), community=resource.community, resource=resource, featured=True
    )
    reply_to_prompt(
        actor=UserFactory(), resource=resource, community=resource.community, body="Yes"
    )
    ResourceTally.objects.create(resource=resource, community=resource.community, views=3)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get(reverse("admin:toolkit_resource_changelist"), {"q": "Budget"})
    assert "Budget template" in listing.content.decode()
    assert (
        client.get(reverse("admin:toolkit_resource_change", args=[resource.pk])).status_code == 200
    )
    for model in (FeaturedResource, PromptThread, ResourceTally):
        name = f"admin:toolkit_{model._meta.model_name}_changelist"
        assert client.get(reverse(name)).status_code == 200


def test_staff_open_the_knowledge_admin_and_an_edit_re_renders_the_body(client):
    from tests.toolkit.knowledge_factories import KnowledgeEntryFactory  # noqa: PLC0415
    from toolkit.models import KnowledgeEntry  # noqa: PLC0415

    entry = KnowledgeEntryFactory(title="Warm handoffs")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert (
        "Warm handoffs"
        in client.get(reverse("admin:toolkit_knowledgeentry_changelist")).content.decode()
    )
    for name in ("programsharing", "shareditem"):
        assert client.get(reverse(f"admin:toolkit_{name}_changelist")).status_code == 200

    client.post(
        reverse("admin:toolkit_knowledgeentry_change", args=[entry.pk]),
        {
            "community": entry.community.pk,
            "kind": entry.kind,
            "title": entry.title,
            "body": "Now **bold**<script>x</script>",
            "author": entry.author.pk,
        },
    )

    entry = KnowledgeEntry.objects.get(pk=entry.pk)
    assert "<strong>bold</strong>" in entry.body_html and "<script" not in entry.body_html
