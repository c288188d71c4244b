import factory
from django.utils import timezone

from tests.factories import CommunityFactory, UserFactory
from toolkit.models import KnowledgeEntry, KnowledgeKind


class KnowledgeEntryFactory(factory.django.DjangoModelFactory):
    """A published lesson learned; pass `published_at=None` for a draft."""

    class Meta:
        model = KnowledgeEntry

    community = factory.SubFactory(CommunityFactory)
    kind = KnowledgeKind.LESSON
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = "Start every meeting with a check-in."
    body_html = "<p>Start every meeting with a check-in.</p>"
    author = factory.SubFactory(UserFactory)
    published_at = factory.LazyFunction(timezone.now)
