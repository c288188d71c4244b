"""Search vectors are kept by PostgreSQL: whatever writes a thread or a reply, search finds it."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from communities.demo.discussions import DEMO_THREADS
from communities.discussions.search import search_discussions
from communities.discussions.services import delete_post, edit_post, reply, start_thread
from communities.models import Post, Thread, ThreadKind, User, Visibility
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


def results(client, query: str) -> str:
    return client.get(reverse("search"), {"q": query}).content.decode()


def found_urls(viewer, query: str) -> set[str]:
    return {hit.url for hit in search_discussions(viewer=viewer, query=query).hits()}


def plain_words(text: str, count: int = 8) -> str:
    """The first words of a text, without Markdown or words websearch reads as operators."""
    words = [word for word in re.findall(r"[A-Za-z]{3,}", text) if word.lower() != "or"]
    return " ".join(words[:count])


def test_rows_written_with_bulk_create_are_found_by_their_words(client):
    member = MembershipFactory()
    community = member.community
    threads = Thread.objects.bulk_create(
        [
            Thread(community=community, kind=ThreadKind.GENERAL, title="Mentoring circles",
                   body="Monthly circles for new staff.", body_html="", author=member.user),
            Thread(community=community, kind=ThreadKind.QUESTION, title="Rota software",
                   body="Which scheduler handles split shifts?", body_html="",
                   author=member.user),
        ]
    )  # fmt: skip
    Post.objects.bulk_create(
        [Post(thread=threads[1], author=member.user, body="We use a spreadsheet.", body_html="")]
    )
    client.force_login(member.user)

    assert "Mentoring circles" in results(client, "mentoring")
    assert "Rota software" in results(client, "scheduler")
    html = results(client, "spreadsheet")
    assert "1 result" in html
    assert "<mark>spreadsheet</mark>" in html


def test_an_edited_reply_is_found_by_its_new_words_and_not_its_old_ones(client):
    member = MembershipFactory()
    thread = start_thread(
        actor=member.user, community=member.community, kind="general", title="Intake",
        body="How do you do intake?",
    )  # fmt: skip
    post = reply(actor=member.user, thread=thread, body="We use a paper questionnaire.")
    client.force_login(member.user)

    edit_post(actor=member.user, post=post, body="We switched to a tablet checklist.")

    assert "<mark>checklist</mark>" in results(client, "checklist")
    assert "Nothing matches" in results(client, "questionnaire")


def test_an_edited_thread_title_is_found_by_its_new_words_and_not_its_old_ones(client):
    member = MembershipFactory()
    thread = start_thread(
        actor=member.user, community=member.community, kind="general", title="Budget drafts",
        body="Share yours.",
    )  # fmt: skip
    client.force_login(member.user)

    edit_post(actor=member.user, post=thread, title="Grant calendars", body="Share yours.")

    assert "Grant calendars" in results(client, "calendars")
    assert "Nothing matches" in results(client, "budget")


def test_a_soft_deleted_reply_is_never_found(client):
    member = MembershipFactory()
    thread = start_thread(
        actor=member.user, community=member.community, kind="general", title="Intake",
        body="How do you do intake?",
    )  # fmt: skip
    post = reply(actor=member.user, thread=thread, body="Ask about transportation first.")
    client.force_login(member.user)

    delete_post(actor=member.user, post=post)

    assert "Nothing matches" in results(client, "transportation")


def test_a_hidden_reply_is_not_found(client):
    member = MembershipFactory()
    thread = start_thread(
        actor=member.user, community=member.community, kind="general", title="Intake",
        body="How do you do intake?",
    )  # fmt: skip
    post = reply(actor=member.user, thread=thread, body="Buy cheap followers here.")
    Post.objects.filter(pk=post.pk).update(is_hidden=True)
    client.force_login(member.user)

    assert "Nothing matches" in results(client, "followers")


def test_a_programs_tta_leader_does_not_find_threads_of_a_private_cop_in_the_program(client):
    leader = UserFactory(is_tta_leader=True)
    program = ProgramFactory()
    program.leaders.add(leader)
    private = CommunityFactory(program=program, visibility=Visibility.PRIVATE)
    member = MembershipFactory(community=private)
    start_thread(
        actor=member.user, community=private, kind="general", title="Staff turnover",
        body="Three people left in March.",
    )  # fmt: skip
    client.force_login(leader)

    html = results(client, "turnover")

    assert "Staff turnover" not in html
    assert "Nothing matches" in html  # not even a count


def test_the_demos_threads_and_replies_are_found_after_seed_demo():
    call_command("seed_demo", stdout=StringIO())
    # The facilitator account facilitates every CoP, so it may read every demo thread.
    facilitator = User.objects.get(email="facilitator@example.org")

    for slug, specs in DEMO_THREADS.items():
        for spec in specs:
            thread = Thread.objects.get(community__slug=slug, title=spec["title"])
            assert thread.get_absolute_url() in found_urls(facilitator, spec["title"])
            for reply_spec in spec["replies"]:
                post = thread.posts.get(body=reply_spec["body"])
                url = f"{thread.get_absolute_url()}#post-{post.pk}"
                assert url in found_urls(facilitator, plain_words(reply_spec["body"]))


def test_a_reply_edited_through_its_form_is_found_by_its_new_words_and_not_its_old_ones(client):
    member = MembershipFactory()
    thread = start_thread(
        actor=member.user, community=member.community, kind="general", title="Intake",
        body="How do you do intake?",
    )  # fmt: skip
    post = reply(actor=member.user, thread=thread, body="We use a paper questionnaire.")
    client.force_login(member.user)

    response = client.post(
        reverse("communities:post_edit", args=[member.community.slug, post.pk]),
        {"body": "We switched to a tablet checklist."},
    )

    assert response.status_code == 302
    assert "<mark>checklist</mark>" in results(client, "checklist")
    assert "Nothing matches" in results(client, "questionnaire")


def test_a_thread_edited_through_its_form_is_found_by_its_new_words_and_not_its_old_ones(client):
    member = MembershipFactory()
    thread = start_thread(
        actor=member.user, community=member.community, kind="general", title="Budget drafts",
        body="Share your spreadsheets.",
    )  # fmt: skip
    client.force_login(member.user)

    response = client.post(
        reverse("communities:thread_edit", args=[member.community.slug, thread.pk]),
        {"title": "Grant calendars", "body": "Share your timelines."},
    )

    assert response.status_code == 302
    assert "Grant calendars" in results(client, "calendars")
    assert "Grant calendars" in results(client, "timelines")
    assert "Nothing matches" in results(client, "budget")
    assert "Nothing matches" in results(client, "spreadsheets")
