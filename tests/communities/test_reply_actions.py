"""The thread page's reply actions, worked out once per page (communities/discussions/
reply_actions.py): each reply still offers what `can()` allows its viewer, the buttons of one
page form act on their own reply without JavaScript, and moderation stays with moderators."""

from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from communities.discussions.reply_actions import PER_REPLY, ReplyLinks, offer_actions
from communities.discussions.selectors import replies_for
from communities.models import Post, Reaction, Role, Stage, Thread
from cop_platform.permissions import can
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class PageControls(HTMLParser):
    """The page's forms by id, and per reply (its article's id) the forms, buttons, links and
    inputs inside it, each as its attributes plus `text` for buttons and links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: dict[str, dict] = {}
        self.replies: dict[str, list[dict]] = defaultdict(list)
        self._reply = None
        self._open: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {"tag": tag, **{name: value or "" for name, value in attrs}}
        if tag == "article" and attrs.get("id", "").startswith("post-"):
            self._reply = attrs["id"]
        if tag == "form" and "id" in attrs:
            self.forms[attrs["id"]] = attrs
        if tag == "input" and self._open is not None and self._open["tag"] == "form":
            self._open.setdefault("fields", {})[attrs.get("name")] = attrs.get("value")
        if tag == "form":
            self._open = attrs
        if self._reply and tag in ("form", "button", "a", "input"):
            self.replies[self._reply].append(attrs)
            if tag in ("button", "a"):
                attrs["text"] = ""
                self._text = attrs

    def handle_data(self, data):
        if getattr(self, "_text", None) is not None:
            self._text["text"] += data

    def handle_endtag(self, tag):
        if tag in ("button", "a"):
            self._text = None
        if tag == "form":
            self._open = None
        if tag == "article":
            self._reply = None

    def control(self, post, text: str) -> dict | None:
        found = [c for c in self.replies[f"post-{post.pk}"] if c.get("text", "").strip() == text]
        return found[0] if found else None


def controls_of(client, thread) -> PageControls:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return PageControls(response.content.decode())


def submit(client, page: PageControls, button: dict):
    """What a browser without JavaScript sends for `button`: its form's fields to its
    formaction (or the form's action)."""
    form = page.forms[button["form"]] if "form" in button else None
    assert form is not None and form["method"] == "post"
    return client.post(button.get("formaction") or form["action"], form.get("fields", {}))


@pytest.fixture
def member():
    return MembershipFactory()


def others_reply(membership, **kwargs) -> Post:
    thread = kwargs.pop("thread", None) or ThreadFactory(community=membership.community)
    author = MembershipFactory(community=membership.community).user
    return PostFactory(thread=thread, author=author, **kwargs)


def test_the_helpful_button_marks_its_own_reply_through_the_one_page_form_without_javascript(
    member,
):
    first = others_reply(member)
    second = others_reply(member, thread=first.thread)
    # A browser without JavaScript, which the CSRF check is not switched off for.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member.user)
    page = controls_of(browser, first.thread)

    button = page.control(second, "Helpful 0")
    assert button["form"] == "reply-actions"
    response = submit(browser, page, button)

    assert response.status_code == 302
    assert list(Reaction.objects.values_list("post_id", "user_id")) == [(second.pk, member.user.pk)]
    assert response["Location"].endswith(f"#post-{second.pk}")


def test_the_page_form_carries_one_csrf_field_for_every_reply(client, member):
    first = others_reply(member)
    for _ in range(4):
        others_reply(member, thread=first.thread)
    client.force_login(member.user)

    html = client.get(first.thread.get_absolute_url()).content.decode()

    # The page form's, the reply form's, the follow button's and the nav's log-out form's.
    assert html.count('name="csrfmiddlewaretoken"') == 4
    assert html.count('form="reply-actions"') == 5


def test_accept_as_answer_accepts_the_reply_whose_button_was_pressed(client, member):
    thread = ThreadFactory(community=member.community, author=member.user, kind="question")
    first = others_reply(member, thread=thread)
    second = others_reply(member, thread=thread)
    client.force_login(member.user)
    page = controls_of(client, thread)

    response = submit(client, page, page.control(second, "Accept as answer"))

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.accepted_answer_id == second.pk != first.pk


def test_accepting_a_reply_of_another_thread_is_refused_when_its_id_is_crafted(client, member):
    thread = ThreadFactory(community=member.community, author=member.user, kind="question")
    elsewhere = others_reply(member)
    client.force_login(member.user)

    response = client.post(
        reverse("communities:thread_accept", args=[member.community.slug, thread.pk, elsewhere.pk])
    )

    assert response.status_code == 404
    thread.refresh_from_db()
    assert thread.accepted_answer_id is None


def test_marking_a_reply_of_another_cop_helpful_is_refused_when_its_id_is_crafted(client, member):
    foreign = PostFactory(thread=ThreadFactory(community=CommunityFactory()))
    client.force_login(member.user)

    response = client.post(
        reverse("communities:post_helpful", args=[member.community.slug, foreign.pk])
    )

    assert response.status_code == 404
    assert not Reaction.objects.exists()


def test_a_members_page_carries_no_moderation_controls_when_they_do_not_moderate(client, member):
    post = others_reply(member)
    client.force_login(member.user)

    html = client.get(post.thread.get_absolute_url()).content.decode()

    assert "/moderate/" not in html
    assert 'name="reason"' not in html
    assert "Hide</button>" not in html


def test_a_moderator_hides_the_reply_whose_form_they_used(client, member):
    first = others_reply(member)
    second = others_reply(member, thread=first.thread)
    moderator = MembershipFactory(community=member.community, roles=[Role.DISCUSSION_MODERATOR])
    client.force_login(moderator.user)
    page = controls_of(client, first.thread)

    form = next(c for c in page.replies[f"post-{second.pk}"] if c["tag"] == "form")
    response = client.post(form["action"], {"action": "hide", "reason": "off topic"})

    assert response.status_code == 302
    assert list(Post.objects.filter(is_hidden=True).values_list("pk", flat=True)) == [second.pk]


def test_own_replies_offer_edit_and_delete_and_others_offer_helpful_and_report(client, member):
    mine = PostFactory(thread=ThreadFactory(community=member.community), author=member.user)
    theirs = others_reply(member, thread=mine.thread)
    client.force_login(member.user)

    page = controls_of(client, mine.thread)

    def offered(post):
        # The author line's link to the profile aside, what the reply offers.
        controls = page.replies[f"post-{post.pk}"]
        assert controls[0]["href"] == post.author.get_absolute_url()
        return {control["text"].split()[0] for control in controls[1:]}

    assert offered(mine) == {"Edit", "Delete"}
    assert offered(theirs) == {"Helpful", "Report"}
    assert page.control(mine, "Edit")["href"] == reverse(
        "communities:post_edit", args=[member.community.slug, mine.pk]
    )


def _cases():
    """Viewers (by their roles in the CoP; None: not a member of the public CoP) and thread
    states, each combination asked of every kind of reply."""
    roles = [[], [Role.DISCUSSION_MODERATOR], [Role.FACILITATOR], [Role.ARCHIVIST], None]
    states = ["open", "archived thread", "archived CoP", "locked"]
    return [(role, state) for role in roles for state in states]


@pytest.mark.parametrize(("roles", "state"), _cases())
def test_each_reply_offers_what_can_answers_for_it_whatever_the_role_and_thread_state(roles, state):
    community = CommunityFactory(stage=Stage.ARCHIVED if state == "archived CoP" else Stage.ACTIVE)
    viewer = UserFactory()
    if roles is not None:
        MembershipFactory(community=community, user=viewer, roles=roles)
    thread = ThreadFactory(
        community=community,
        archived_at=timezone.now() if state == "archived thread" else None,
        is_locked=state == "locked",
    )
    PostFactory(thread=thread, author=viewer)
    PostFactory(thread=thread)
    PostFactory(thread=thread, author=None)
    PostFactory(thread=thread, is_hidden=True)
    PostFactory(thread=thread, author=viewer, deleted_at=timezone.now())
    thread = Thread.objects.select_related("community").get(pk=thread.pk)

    shown = list(replies_for(thread=thread, viewer=viewer)[0:None])
    offer_actions(shown, viewer=viewer, thread=thread)

    for post in shown:
        fresh = Post.objects.get(pk=post.pk)
        expected = {key: can(viewer, capability, fresh) for key, capability in PER_REPLY.items()}
        assert {key: getattr(post, key) for key in PER_REPLY} == expected, post


def test_reply_links_are_what_reverse_builds_under_a_script_prefix():
    author = UserFactory(handle="jo_smith2")
    post = PostFactory(author=author)
    thread = Thread.objects.select_related("community").get(pk=post.thread_id)
    slug = thread.community.slug
    set_script_prefix("/cop-platform/")
    try:
        links = ReplyLinks(thread).of(post)
        expected = {
            "author": reverse("communities:profile", args=[author.handle]),
            "helpful": reverse("communities:post_helpful", args=[slug, post.pk]),
            "report": reverse("communities:post_report", args=[slug, post.pk]),
            "edit": reverse("communities:post_edit", args=[slug, post.pk]),
            "delete": reverse("communities:post_delete_confirm", args=[slug, post.pk]),
            "moderate": reverse("communities:post_moderate", args=[slug, post.pk]),
            "accept": reverse("communities:thread_accept", args=[slug, thread.pk, post.pk]),
        }
    finally:
        set_script_prefix("/")
    assert links == expected
    assert links["helpful"].startswith("/cop-platform/cops/")
