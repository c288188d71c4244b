import re
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone as django_timezone
from django.utils.translation import gettext_lazy as _

HANDLE_PATTERN = r"^[a-z0-9_]{2,30}$"
HANDLE_MAX = 30
_NOT_HANDLE_CHARS = re.compile(r"[^a-z0-9_]+")

validate_handle = RegexValidator(
    HANDLE_PATTERN,
    _("Use 2 to 30 lower-case letters, digits or underscores."),
    code="invalid_handle",
)


def validate_timezone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone."), params={"zone": value})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        if not user.handle:
            user.handle = self.unique_handle_for(user.email)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def unique_handle_for(self, email: str) -> str:
        """A free handle from the email's local part: `jo.smith@x` → `jo_smith`, `jo_smith2`…"""
        base = _NOT_HANDLE_CHARS.sub("_", email.split("@", 1)[0].lower()).strip("_")
        base = (base or "member")[: HANDLE_MAX - 4]
        if len(base) < 2:
            base = f"{base}_member"
        taken = set(self.filter(handle__startswith=base).values_list("handle", flat=True))
        if base not in taken:
            return base
        suffix = 2
        while f"{base}{suffix}" in taken:
            suffix += 1
        return f"{base}{suffix}"

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: the account (email login) and the profile others see."""

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    handle = models.CharField(
        _("handle"),
        max_length=30,
        unique=True,
        validators=[validate_handle],
        help_text=_("Others mention you as @handle. Lower-case letters, digits and underscores."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    bio = models.TextField(_("bio"), max_length=2000, blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_timezone],
        help_text=_("Dates and times are shown in this zone. Empty: the site's zone."),
    )
    expertise = models.ManyToManyField(
        "communities.Tag", blank=True, related_name="experts", verbose_name=_("expertise")
    )
    needs = models.ManyToManyField(
        "communities.Tag", blank=True, related_name="needed_by", verbose_name=_("needs")
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Site staff work in the Django admin; it gives no powers inside a CoP."),
    )
    is_tta_leader = models.BooleanField(
        _("TTA leader"),
        default=False,
        help_text=_("Staff mark TTA leaders; they may create programs."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=django_timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ()

    class Meta:
        ordering = (Lower("name"), "handle")
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("communities:profile", args=[self.handle])

    @property
    def display_name(self) -> str:
        return self.name or f"@{self.handle}"

    @property
    def zone_name(self) -> str:
        return self.timezone or settings.TIME_ZONE

    def clean(self) -> None:
        super().clean()
        self.email = type(self).objects.normalize_email(self.email)
