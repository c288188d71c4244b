from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cop_platform.search import SEARCH_CONFIG

MAX_ENTRY_BODY = 20000


class KnowledgeKind(models.TextChoices):
    LESSON = "lesson", _("Lesson learned")
    PRACTICE = "practice", _("Promising practice")
    CASE_STUDY = "case_study", _("Case study")
    INNOVATION = "innovation", _("Innovation")


class KnowledgeEntry(models.Model):
    """What a CoP learned, in its members' words: drafted by a member, published by the CoP's
    knowledge editors. A draft is seen by its author and those editors only."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="knowledge_entries"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=KnowledgeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    # Markdown as written, and the sanitised HTML shown (communities/discussions/markdown.py).
    body = models.TextField(_("text"), max_length=MAX_ENTRY_BODY)
    body_html = models.TextField(editable=False)
    tags = models.ManyToManyField(
        "communities.Tag", blank=True, related_name="knowledge_entries", verbose_name=_("tags")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("drafted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Title (A) and text (B), stored and indexed as a resource's are (toolkit/search.py).
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("body", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ("-published_at", "-pk")
        verbose_name = _("knowledge entry")
        verbose_name_plural = _("knowledge entries")
        indexes = (
            GinIndex(fields=("search_vector",), name="knowledge_search"),
            # A CoP's knowledge page and a program's body of knowledge: published, newest first.
            models.Index(
                fields=("community", "-published_at", "-id"),
                condition=Q(published_at__isnull=False),
                name="knowledge_published",
            ),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolkit:knowledge_detail", args=[self.community.slug, self.pk])

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.community

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ProgramSharing(models.Model):
    """The CoP chose to publish its knowledge entries to its program: its published entries then
    reach the program's body of knowledge for everyone there, even when the CoP is private.
    The row's presence is the choice; removing it takes the entries back."""

    community = models.OneToOneField(
        "communities.Community", on_delete=models.CASCADE, related_name="knowledge_sharing"
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.community_id} publishes to its program"

    @property
    def owning_community(self):
        return self.community
