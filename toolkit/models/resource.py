from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cop_platform.search import SEARCH_CONFIG


class ResourceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Link")
    VIDEO = "video", _("Video")
    ARTICLE = "article", _("Article")
    TEMPLATE = "template", _("Template")
    TOOL = "tool", _("Tool")
    STRATEGY = "strategy", _("Strategy document")


# Kinds that may carry an uploaded file (or, instead, a link to one); the others are links.
FILE_KINDS = frozenset({ResourceKind.DOCUMENT, ResourceKind.TEMPLATE, ResourceKind.STRATEGY})


class Resource(models.Model):
    """Something members learn from: a file, a link, a video… Owned by one CoP, or by a program
    (TTA-provided: every CoP of the program sees it). Exactly one of the two is set."""

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
    )
    program = models.ForeignKey(
        "communities.Program",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    # The upload, as cop_platform.uploads stored it: its storage name (random), the cleaned name
    # it was sent under, and the type judged from its content.
    file = models.CharField(max_length=300, blank=True, editable=False)
    file_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    file_type = models.CharField(max_length=100, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(default=0, editable=False)
    prompt = models.CharField(
        _("discussion prompt"),
        max_length=300,
        blank=True,
        help_text=_("A question for members; the first reply opens a thread in discussions."),
    )
    tags = models.ManyToManyField(
        "communities.Tag", blank=True, related_name="resources", verbose_name=_("tags")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="resources"
    )
    created_at = models.DateTimeField(_("shared"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    # Title (A) and description (B), stored by PostgreSQL on every write (bulk seeders included)
    # and indexed, so search never computes a vector per row; tags are matched beside it.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = (
            models.CheckConstraint(
                condition=Q(community__isnull=True) ^ Q(program__isnull=True),
                name="resource_one_scope",
            ),
        )
        indexes = (
            GinIndex(fields=("search_vector",), name="resource_search"),
            # A toolkit page: its CoP's (or program's) live resources, newest first.
            models.Index(
                fields=("community", "-created_at", "-id"),
                condition=Q(retired_at__isnull=True),
                name="resource_cop_live",
            ),
            models.Index(
                fields=("program", "-created_at", "-id"),
                condition=Q(retired_at__isnull=True),
                name="resource_program_live",
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def owning_community(self):
        """The CoP this belongs to (None for a program-wide resource, which no one CoP owns):
        what every permission about it asks (communities/rules.py)."""
        return self.community

    @property
    def is_program_wide(self) -> bool:
        return self.program_id is not None

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def safe_url(self) -> str:
        """The link if it is a web address: forms refuse any other scheme, and a row written
        elsewhere (the admin allows ftp:, a bulk import anything) must not put one in a page."""
        return self.url if self.url.lower().startswith(("http://", "https://")) else ""

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    def url_in(self, community) -> str:
        """Its page in a CoP's toolkit (a program-wide resource has one in every CoP)."""
        return reverse("toolkit:detail", args=[community.slug, self.pk])


class FeaturedResource(models.Model):
    """A knowledge editor put a resource in their CoP's featured strip. Per CoP, so a CoP may
    feature a program-wide template without featuring it in its sibling CoPs."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="featured_resources"
    )
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="features")
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    featured_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-featured_at", "-pk")
        constraints = (
            models.UniqueConstraint(fields=("community", "resource"), name="feature_once_per_cop"),
        )

    def __str__(self) -> str:
        return f"{self.resource_id} featured in {self.community_id}"

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.community
