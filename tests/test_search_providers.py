"""The search page merges what every registered provider finds, ranked together."""

import pytest
from django.urls import reverse
from django.utils.safestring import mark_safe

from communities.discussions.search import search_discussions
from communities.discussions.services import start_thread
from cop_platform.search import (
    Hit,
    Ranked,
    Ranking,
    register_search_provider,
    search_everything,
    search_provider,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def meeting_hit(title: str, rank: float) -> Hit:
    return Hit(
        kind="meeting",
        label="Meeting",
        title=title,
        snippet=mark_safe("an agenda about <mark>huddles</mark>"),
        url="/meetings/1/",
        community="Test CoP",
        rank=rank,
    )


class MeetingsProvider:
    """Stands in for a later app's provider; remembers who asked what."""

    def __init__(self, *hits: Hit):
        self.hits = list(hits)
        self.asked: list[tuple[object, str]] = []

    def __call__(self, *, viewer, query: str) -> list[Hit]:
        self.asked.append((viewer, query))
        return self.hits


def test_a_second_providers_hits_are_merged_by_rank_on_the_search_page(client):
    member = MembershipFactory()
    start_thread(
        actor=member.user, community=member.community, kind="general", title="Daily huddles",
        body="We stand for fifteen minutes.",
    )  # fmt: skip
    meetings = MeetingsProvider(
        meeting_hit("Huddle planning meeting", rank=1000.0), meeting_hit("Old huddle", rank=0.0)
    )
    client.force_login(member.user)

    with search_provider("stand-in-meetings", meetings):
        html = client.get(reverse("search"), {"q": "  huddles "}).content.decode()

    assert "3 results" in html
    assert html.index("Huddle planning meeting") < html.index("Daily huddles")
    assert html.index("Daily huddles") < html.index("Old huddle")
    assert ">Meeting</span>" in html
    assert meetings.asked == [(member.user, "huddles")]


def test_a_provider_registered_for_a_block_is_gone_after_it(client):
    member = MembershipFactory()
    with search_provider("stand-in-meetings", MeetingsProvider(meeting_hit("Huddle meeting", 1.0))):
        pass
    client.force_login(member.user)

    html = client.get(reverse("search"), {"q": "huddles"}).content.decode()

    assert "Huddle meeting" not in html
    assert "Nothing matches" in html


def test_a_different_provider_under_a_taken_name_is_refused():
    with pytest.raises(ValueError, match="discussions"):
        register_search_provider("discussions", MeetingsProvider())


def test_registering_the_same_provider_twice_is_harmless():
    register_search_provider("discussions", search_discussions)


def test_an_empty_query_asks_no_provider():
    meetings = MeetingsProvider(meeting_hit("Anything", 1.0))
    with search_provider("stand-in-meetings", meetings):
        assert len(search_everything(viewer=None, query="   ")) == 0
    assert meetings.asked == []


class LazyProvider:
    """Ranks many keys but remembers which ones the page asked it to load."""

    def __init__(self, count: int):
        self.count = count
        self.loaded: list = []

    def __call__(self, *, viewer, query: str) -> Ranking:
        ranked = [
            Ranked(key=number, rank=float(self.count - number)) for number in range(self.count)
        ]
        return Ranking(ranked=ranked, load=self.load)

    def load(self, keys):
        self.loaded += keys
        return {key: meeting_hit(f"Meeting number {key:02}", rank=0.0) for key in keys}


def test_only_the_hits_of_the_page_shown_are_loaded(client):
    member = MembershipFactory()
    provider = LazyProvider(45)
    client.force_login(member.user)

    with search_provider("stand-in-meetings", provider):
        html = client.get(reverse("search"), {"q": "agenda", "page": 2}).content.decode()

    assert provider.loaded == list(range(20, 40))
    assert "45 results" in html
    assert html.index("Meeting number 20") < html.index("Meeting number 39")
    assert "Meeting number 19" not in html
