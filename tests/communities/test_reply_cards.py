"""Reply cards rendered once and shared (communities/discussions/reply_cards.py): viewers who
would see the same card share one rendering, and whatever changes on a reply shows on the next
view, however recently its card was cached."""

import pytest

from communities.discussions import reply_cards
from communities.discussions.services import (
    accept_answer,
    delete_post,
    edit_post,
    moderate,
    toggle_helpful,
)
from communities.models import Role
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """How many cards were rendered rather than taken from the cache (which tests/conftest.py
    empties before each test)."""
    count = []
    real = reply_cards.render_to_string

    def counting(*args, **kwargs):
        count.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(reply_cards, "render_to_string", counting)
    return count


@pytest.fixture
def thread():
    thread = ThreadFactory(kind="question")
    for _ in range(3):
        author = MembershipFactory(community=thread.community).user
        PostFactory(thread=thread, author=author)
    return thread


def page_as(client, person, thread) -> str:
    client.force_login(person)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_members_who_see_the_same_cards_share_one_rendering_of_each(client, thread, renders):
    first, second = MembershipFactory.create_batch(2, community=thread.community)

    one = page_as(client, first.user, thread)
    rendered_for_the_first = len(renders)
    other = page_as(client, second.user, thread)

    assert rendered_for_the_first == 3
    assert len(renders) == 3
    reply = thread.posts.first()
    assert f'id="post-{reply.pk}"' in other
    # The pages differ (each carries its own viewer's name and CSRF field), not the cards.
    card = one[one.index(f'<article id="post-{reply.pk}"') :].split("</article>")[0]
    assert card in other


def test_each_member_sees_their_own_helpful_mark_when_cards_are_shared(client, thread):
    marker, other = MembershipFactory.create_batch(2, community=thread.community)
    reply = thread.posts.first()
    toggle_helpful(actor=marker.user, post=reply)

    as_marker = page_as(client, marker.user, thread)
    as_other = page_as(client, other.user, thread)

    assert as_marker.count('aria-pressed="true"') == 1
    assert as_other.count('aria-pressed="true"') == 0
    assert "Helpful <span" in as_other


CHANGES = {
    "edited": lambda reply, author: edit_post(actor=author, post=reply, body="Better *words*"),
    "renamed author": lambda reply, author: (
        type(author).objects.filter(pk=author.pk).update(name="Renamed Person")
    ),
    "marked helpful": lambda reply, _author: toggle_helpful(
        actor=MembershipFactory(community=reply.thread.community).user, post=reply
    ),
    "hidden": lambda reply, _author: moderate(
        actor=MembershipFactory(
            community=reply.thread.community, roles=[Role.DISCUSSION_MODERATOR]
        ).user,
        target=reply,
        action="hide",
        reason="off topic",
    ),
    "deleted": lambda reply, author: delete_post(actor=author, post=reply),
    "accepted": lambda reply, _author: accept_answer(
        actor=reply.thread.author, thread=reply.thread, post=reply
    ),
}
SHOWN_AFTER = {
    "edited": "<em>words</em>",
    "renamed author": "Renamed Person",
    "marked helpful": '<span class="badge text-bg-light">1</span>',
    "hidden": "This reply was hidden by a moderator.",
    "deleted": "This reply was deleted by its author.",
    "accepted": "Accepted answer</span>",
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_a_reply_shows_on_the_next_view_when_its_card_was_cached(
    client, thread, change
):
    reader = MembershipFactory(community=thread.community).user
    reply = thread.posts.first()
    before = page_as(client, reader, thread)
    assert SHOWN_AFTER[change] not in before

    CHANGES[change](reply, reply.author)

    assert SHOWN_AFTER[change] in page_as(client, reader, thread)


def test_a_moderators_cards_are_rendered_for_them_with_their_own_forms(client, thread, renders):
    moderator = MembershipFactory(community=thread.community, roles=[Role.DISCUSSION_MODERATOR])

    html = page_as(client, moderator.user, thread)

    assert renders == []
    assert html.count("/moderate/") == 3 + 1  # each reply's form and the thread's
