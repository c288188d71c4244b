"""Turning a kind and its context into an email: subject, plain text, HTML, headers."""

import functools
import hashlib
from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import urlparse

from django.conf import settings
from django.template.loader import select_template
from django.utils import timezone


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def message_id_for(key: str) -> str:
    """A Message-ID that depends only on the key: a resend is recognisably the same email."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"<{digest}@{_mail_domain()}>"


def _mail_domain() -> str:
    return _domain_of(settings.DEFAULT_FROM_EMAIL, settings.SITE_URL)


@functools.lru_cache(maxsize=8)
def _domain_of(from_email: str, site_url: str) -> str:
    # Cached by its inputs: parsing the address for each of an announcement's 10,000 keys
    # cost a tenth of recording them.
    _name, address = parseaddr(from_email)
    return address.rpartition("@")[2] or urlparse(site_url).hostname or "localhost"


def absolute_url(path: str) -> str:
    if not path or urlparse(path).scheme:
        return path
    return f"{settings.SITE_URL}{path}"


def _template_names(kind: str, suffix: str) -> list[str]:
    # A kind's own templates when it has them; the generic notification layout otherwise.
    return [f"emails/{kind}.{suffix}", f"emails/notification.{suffix}"]


def render_kind_email(*, kind: str, context: dict, zone_name: str) -> RenderedEmail:
    """Render `templates/emails/<kind>.{subject.txt,txt,html}` in the recipient's time zone."""
    context = {"site_url": settings.SITE_URL, "site_name": settings.SITE_NAME, **context}
    with timezone.override(zone_name):
        subject = _render(kind, "subject.txt", context)
        text = _render(kind, "txt", context)
        html = _render(kind, "html", context)
    return RenderedEmail(subject=" ".join(subject.split())[:255], text=text, html=html)


def _render(kind: str, suffix: str, context: dict) -> str:
    template = select_template(_template_names(kind, suffix))
    return template.render(context)
