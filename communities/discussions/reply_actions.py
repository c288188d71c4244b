"""What the thread page offers on each reply, worked out once per page instead of per reply.

Asking `can()` three times and reversing four URLs for every reply, in the template, was most of
the thread page's time (issue 11). Here each capability is still answered by `can()`, so the
rules stay the one place that decides, but once per kind of reply rather than once per reply, and
each URL is reversed once per page and completed with the reply's id.
"""

from urllib.parse import quote

from django.urls import reverse

from communities.discussions.models import Post, Thread
from cop_platform.permissions import can

# What the page asks of each reply. The discussion rules read a reply only through its thread
# (`thread_of`, `community_of`) and whether the viewer wrote it (`is_author`): every reply of
# one page shares the thread, so one answer for a reply of the viewer's and one for somebody
# else's stand for all of them. A rule that read more of a reply would break this;
# tests/communities/test_reply_actions.py compares every answer with `can()` per reply.
PER_REPLY = {"may_react": "post.react", "may_report": "post.report", "may_edit": "post.edit"}

# A value the URL converters accept (int and str) and that no fixed part of these URLs contains.
_MARK = "2147483647"
# What `reverse` leaves unquoted in a path (django/urls/resolvers.py), less "/": one segment.
_SAFE = "!$&'()*+,;=~:@"


class UrlPattern:
    """`reverse(name, args=[*fixed, last])` for many values of `last` for the price of one
    `reverse`: the reversed URL is cut where a marker stood for `last`. It keeps the script
    prefix (SCRIPT_NAME) and the URLconf as `reverse` sees them when the pattern is made."""

    def __init__(self, name: str, *fixed):
        self._head, _mark, self._tail = reverse(name, args=[*fixed, _MARK]).rpartition(_MARK)

    def __call__(self, last) -> str:
        return f"{self._head}{quote(str(last), safe=_SAFE)}{self._tail}"


class ReplyLinks:
    """The URLs of a page's reply actions, one `UrlPattern` each."""

    def __init__(self, thread: Thread):
        slug = thread.community.slug
        self.author = UrlPattern("communities:profile")
        self.helpful = UrlPattern("communities:post_helpful", slug)
        self.report = UrlPattern("communities:post_report", slug)
        self.edit = UrlPattern("communities:post_edit", slug)
        self.delete = UrlPattern("communities:post_delete_confirm", slug)
        self.moderate = UrlPattern("communities:post_moderate", slug)
        self.accept = UrlPattern("communities:thread_accept", slug, thread.pk)

    def of(self, post: Post) -> dict[str, str]:
        # A dict: the template's first lookup (`links["helpful"]`) finds it.
        return {
            "author": self.author(post.author.handle) if post.author_id else "",
            "helpful": self.helpful(post.pk),
            "report": self.report(post.pk),
            "edit": self.edit(post.pk),
            "delete": self.delete(post.pk),
            "moderate": self.moderate(post.pk),
            "accept": self.accept(post.pk),
        }


def offer_actions(posts, *, viewer, thread: Thread) -> None:
    """Sets on each of `posts` (replies of `thread`) `may_react`, `may_report`, `may_edit` and
    `links`, the URLs its actions go to: what thread_detail.html reads per reply."""
    links = ReplyLinks(thread)
    answers: dict[bool, dict[str, bool]] = {}
    for post in posts:
        own = viewer.is_authenticated and post.author_id == viewer.pk
        if own not in answers:
            answers[own] = {key: can(viewer, cap, post) for key, cap in PER_REPLY.items()}
        for key, answer in answers[own].items():
            setattr(post, key, answer)
        post.links = links.of(post)
