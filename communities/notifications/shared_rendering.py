"""One kind's email rendered once for the many readers of one event (an announcement to every
member), when its templates print nothing of the reader but their unsubscribe link.

Readers share a rendering when they share the notice's context object, its link and their time
zone and language. The first of a group is rendered on their own, as `notify()` would. At the
second, the templates are rendered once more with a stand-in reader that raises if a template
reads it in any way, and a placeholder for the link. If that succeeds, and the placeholder
replaced by the first reader's link gives the first reader's email exactly, everyone after gets
that rendering with their own link put in. Otherwise each reader is rendered on their own.
"""

import secrets
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import escape

from communities.notifications.rendering import RenderedEmail, render_kind_email

# Random per process, so no text a member wrote can contain it.
PLACEHOLDER = f"https://unsubscribe.invalid/{secrets.token_hex(16)}"


class ReadsTheReader(Exception):  # noqa: N818 (a signal, not an error)
    """A template read the reader: its email differs per reader and is rendered for each."""


class _StandInReader:
    """Stands for "any reader": every way a template can look at it raises (Django's template
    engine swallows only lookup errors, which these are not)."""

    def __getattr__(self, name):
        raise ReadsTheReader(name)

    def __getitem__(self, key):
        raise ReadsTheReader(key)

    def __bool__(self):
        raise ReadsTheReader("truth")

    def __str__(self):
        raise ReadsTheReader("text")

    def __eq__(self, other):
        raise ReadsTheReader("comparison")

    __hash__ = object.__hash__


@dataclass
class _Group:
    first_link: str
    first_email: RenderedEmail
    # The rendering with the stand-in and the placeholder; None when the group cannot share.
    shared: RenderedEmail | None = None
    tried: bool = False


class SharedRenderer:
    """Renders one kind for many readers; keep one per fan-out."""

    def __init__(self, kind: str):
        self.kind = kind
        self._groups: dict[tuple, _Group] = {}

    def render(self, *, context: dict, url: str, reader, unsubscribe_url: str) -> RenderedEmail:
        """`context` is the notice's own (shared by the readers of one event); `reader` and
        `unsubscribe_url` are this reader's."""
        zone = reader.zone_name
        key = (id(context), url, zone, translation.get_language())
        group = self._groups.get(key)
        if group is None:
            email = self._render(context, url, reader, unsubscribe_url, zone)
            self._groups[key] = _Group(first_link=unsubscribe_url, first_email=email)
            return email
        if not group.tried:
            group.tried = True
            group.shared = self._try_shared(group, context, url, zone)
        if group.shared is None:
            return self._render(context, url, reader, unsubscribe_url, zone)
        return fill_in(group.shared, unsubscribe_url)

    def _try_shared(self, group: _Group, context: dict, url: str, zone: str):
        try:
            shared = self._render(context, url, _StandInReader(), PLACEHOLDER, zone)
        except ReadsTheReader:
            return None
        # The link is put in as printed (escaped in HTML); a template that filters it otherwise
        # gives a different email here, and each reader is rendered on their own.
        return shared if fill_in(shared, group.first_link) == group.first_email else None

    def _render(self, context, url, reader, unsubscribe_url, zone) -> RenderedEmail:
        full = {**context, "recipient": reader, "url": url, "unsubscribe_url": unsubscribe_url}
        return render_kind_email(kind=self.kind, context=full, zone_name=zone)


def fill_in(shared: RenderedEmail, unsubscribe_url: str) -> RenderedEmail:
    return RenderedEmail(
        subject=shared.subject.replace(PLACEHOLDER, unsubscribe_url),
        text=shared.text.replace(PLACEHOLDER, unsubscribe_url),
        html=shared.html.replace(PLACEHOLDER, escape(unsubscribe_url)),
    )
