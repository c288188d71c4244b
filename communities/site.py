"""The Sites row allauth reads (SITE_ID), kept to the settings: SITE_NAME and SITE_URL's host.

allauth names the site and its domain from this row in its emails ("Hello from …", the subject
prefix, "Thank you for using …") and pages. The settings are the one place an operator sets
them; the row follows at every `migrate` (each deploy runs it), and again after a test flush,
which recreates the row as "example.com". A data migration alone would freeze the values of
the day it ran."""

from urllib.parse import urlsplit

from django.conf import settings


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).netloc


def sync_site(*, using: str = "default", apps=None, **_signal_kwargs) -> None:
    """A post_migrate receiver (its keyword arguments), callable on its own after a change."""
    from django.contrib.sites.models import Site  # noqa: PLC0415 (apps are loading)

    model = apps.get_model("sites", "Site") if apps is not None else Site
    model.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": settings.SITE_NAME}
    )
    # get_current() caches the row per process; the next email must read the new one.
    Site.objects.clear_cache()
