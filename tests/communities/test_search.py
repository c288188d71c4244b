import pytest
from django.urls import reverse

from communities.discussions.services import reply, start_thread
from communities.models import Visibility
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def post_thread(membership, title, body):
    return start_thread(
        actor=membership.user, community=membership.community, kind="general", title=title,
        body=body,
    )  # fmt: skip


def results(client, query):
    return client.get(reverse("search"), {"q": query}).content.decode()


def test_a_title_match_ranks_above_a_body_match(client):
    member = MembershipFactory()
    post_thread(member, "Daily huddles", "We talk about the week.")
    post_thread(member, "Weekly review", "Our huddles moved to Fridays.")
    client.force_login(member.user)

    html = results(client, "huddles")

    assert html.index("Daily huddles") < html.index("Weekly review")
    assert "2 results" in html


def test_replies_are_found_with_a_highlighted_escaped_snippet(client):
    member = MembershipFactory()
    thread = post_thread(member, "Intake", "How do you do intake?")
    reply(actor=member.user, thread=thread, body="<script>x</script> We use a telehealth form.")
    client.force_login(member.user)

    html = results(client, "telehealth")

    assert "<mark>telehealth</mark>" in html
    assert "<script>x" not in html  # the snippet is escaped text plus <mark> only


def test_a_private_cops_posts_never_reach_a_non_member(client):
    private = MembershipFactory(community=CommunityFactory(visibility=Visibility.PRIVATE))
    post_thread(private, "Confidential budget", "Numbers about the budget.")
    public = MembershipFactory()
    post_thread(public, "Open budget talk", "Budget planning in public.")
    client.force_login(UserFactory())

    html = results(client, "budget")

    assert "Open budget talk" in html
    assert "Confidential" not in html
    assert "1 result" in html


def test_hidden_threads_are_not_found(client):
    member = MembershipFactory()
    thread = post_thread(member, "Removed spam", "spam spam")
    thread.is_hidden = True
    thread.save()
    client.force_login(member.user)

    assert "Nothing matches" in results(client, "spam")


def test_search_needs_login(client):
    response = client.get(reverse("search"), {"q": "x"})

    assert response.status_code == 302


@pytest.mark.parametrize("rows", [3, 30])
def test_search_queries_stay_flat(rows, client, django_assert_max_num_queries):
    member = MembershipFactory()
    for number in range(rows):
        thread = post_thread(member, f"Supervision topic {number}", "supervision notes")
        reply(actor=member.user, thread=thread, body="more supervision")
    client.force_login(member.user)

    # One query ranks both kinds; one each loads the page's threads and replies. Every other
    # app's provider (meetings, toolkit) ranks in one query of its own when it finds nothing.
    with django_assert_max_num_queries(10):
        client.get(reverse("search"), {"q": "supervision"})


def test_the_second_page_shows_the_next_best_matches_in_rank_order(client):
    member = MembershipFactory()
    # More occurrences rank higher; the oldest thread has the most, so id order would not do.
    for times in range(25, 0, -1):
        post_thread(member, f"Topic {times:02}", " ".join(["supervision"] * times))
    client.force_login(member.user)

    html = client.get(reverse("search"), {"q": "supervision", "page": 2}).content.decode()

    shown = [f"Topic {times:02}" for times in (5, 4, 3, 2, 1)]
    assert [html.index(title) for title in shown] == sorted(html.index(title) for title in shown)
    assert "Topic 06" not in html
    assert "25 results" in html


def test_past_the_candidate_cap_the_page_says_so_and_a_refined_query_finds_an_older_thread(
    client, monkeypatch
):
    monkeypatch.setattr("communities.discussions.search.CANDIDATES", 2)
    member = MembershipFactory()
    post_thread(member, "Fidelity reviews", "Supervision of fidelity reviews.")
    for number in range(3):
        post_thread(member, f"Newer thread {number}", "Supervision notes.")
    client.force_login(member.user)

    common = results(client, "supervision")
    refined = results(client, "supervision fidelity")

    assert "only the most recent matches were ranked" in common
    assert "Fidelity reviews" not in common  # older than the two newest candidates
    assert "Fidelity reviews" in refined
    assert "only the most recent matches were ranked" not in refined


def test_no_notice_when_the_matches_fit_under_the_cap(client, monkeypatch):
    monkeypatch.setattr("communities.discussions.search.CANDIDATES", 2)
    member = MembershipFactory()
    post_thread(member, "First", "Supervision notes.")
    post_thread(member, "Second", "Supervision notes.")
    client.force_login(member.user)

    html = results(client, "supervision")

    assert "2 results" in html
    assert "only the most recent matches were ranked" not in html
