from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: listed in the directory")
    PRIVATE = "private", _("Private: only members see it")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone may join")
    APPROVAL = "approval", _("Approval: a membership manager approves requests")
    INVITATION = "invitation", _("Invitation only")


class FormationMode(models.TextChoices):
    SELF_SELECTED = "self_selected", _("Self-selected: people choose to join")
    PRE_ASSIGNED = "pre_assigned", _("Pre-assigned: a facilitator assigns members")


class Stage(models.TextChoices):
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    SUSTAINING = "sustaining", _("Sustaining")
    WINDING_DOWN = "winding_down", _("Winding down")
    ARCHIVED = "archived", _("Archived")


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    AS_NEEDED = "as_needed", _("As needed")


class Program(models.Model):
    """A TTA program: it groups CoPs and has TTA leaders."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name in links"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="led_programs", verbose_name=_("TTA leaders")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:program_detail", args=[self.slug])


class Community(models.Model):
    """A community of practice."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("short name in links"),
        max_length=80,
        unique=True,
        help_text=_("Used in the CoP's web address. Letters, digits and hyphens."),
    )
    domain = models.CharField(
        _("shared concern"),
        max_length=200,
        help_text=_("The domain: what members care about and learn together."),
    )
    purpose = models.TextField(_("purpose"), max_length=2000, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    join_policy = models.CharField(
        _("joining"), max_length=12, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    formation_mode = models.CharField(
        _("formation"),
        max_length=15,
        choices=FormationMode.choices,
        default=FormationMode.SELF_SELECTED,
    )
    stage = models.CharField(
        _("lifecycle stage"), max_length=15, choices=Stage.choices, default=Stage.FORMING
    )
    meeting_cadence = models.CharField(
        _("meeting cadence"), max_length=12, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communities",
        verbose_name=_("program"),
    )
    provider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supported_communities",
        verbose_name=_("TTA provider"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("community of practice")
        verbose_name_plural = _("communities of practice")
        indexes = (models.Index(fields=("visibility", "stage"), name="community_directory"),)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:detail", args=[self.slug])

    @property
    def is_archived(self) -> bool:
        return self.stage == Stage.ARCHIVED
