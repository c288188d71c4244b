"""Calendar feeds: what they carry for calendar apps, who may open them, and that a renewed
token or a member who left closes them."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from communities.models import Membership, Role, Visibility
from meetings.recurrence import occurrences_between
from meetings.services import cancel_occurrence, feed_token_of
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def events(response) -> list:
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def feed_url(user, **query) -> str:
    url = reverse("meetings:feed", args=[feed_token_of(user=user).token])
    return url + (f"?cop={query['cop']}" if "cop" in query else "")


def test_feed_events_carry_their_zone_with_its_definition_a_stable_uid_and_a_sequence(client):
    meeting = MeetingFactory()
    member = MembershipFactory(community=meeting.community).user

    first = client.get(feed_url(member))
    calendar = icalendar.Calendar.from_ical(first.content)
    (event,) = calendar.walk("VEVENT")

    assert first["Content-Type"].startswith("text/calendar")
    assert event["DTSTART"].params["TZID"] == "America/Chicago"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    assert event["RRULE"]["COUNT"] == [10]
    assert event["SEQUENCE"] == 0

    starts = occurrences_between(
        meeting, dt.datetime.now(dt.UTC), dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    )
    cancel_occurrence(actor=member, occurrence=starts[1])
    (after,) = events(client.get(feed_url(member)))

    assert after["UID"] == event["UID"]
    assert after["SEQUENCE"] == 1
    assert after["EXDATE"].dts[0].dt == starts[1].original_start


def test_old_token_is_not_found_when_the_member_made_new_links(client):
    member = MembershipFactory(community=MeetingFactory().community).user
    old = feed_url(member)
    client.force_login(member)

    client.post(reverse("meetings:calendar_regenerate"))

    assert client.get(old).status_code == 404
    assert len(events(client.get(feed_url(member)))) == 1


def test_a_regenerate_page_asks_first_and_changes_nothing(client):
    member = UserFactory()
    old = feed_url(member)
    client.force_login(member)

    page = client.get(reverse("meetings:calendar_regenerate"))

    assert b"stop working" in page.content
    assert client.get(old).status_code == 200


def test_member_who_left_sees_nothing_more_of_that_cop(client):
    private = CommunityFactory(visibility=Visibility.PRIVATE)
    MeetingFactory(community=private)
    member = MembershipFactory(community=private).user
    url, narrowed = feed_url(member), feed_url(member, cop=private.pk)
    assert len(events(client.get(narrowed))) == 1

    Membership.objects.filter(user=member, community=private).delete()

    assert events(client.get(url)) == []
    assert client.get(narrowed).status_code == 404


@pytest.mark.parametrize("cop", ["7x", "", "-1"])
def test_feed_narrowed_to_a_malformed_cop_is_not_found(client, cop):
    member = MembershipFactory().user

    assert client.get(feed_url(member) + f"?cop={cop}").status_code == 404


def test_feed_narrowed_to_a_cop_the_owner_is_not_in_is_not_found(client):
    other = MeetingFactory(community=CommunityFactory()).community
    member = MembershipFactory().user

    assert client.get(feed_url(member, cop=other.pk)).status_code == 404


def test_a_forged_token_is_not_found(client):
    assert client.get(reverse("meetings:feed", args=["not-a-token"])).status_code == 404


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "member", "facilitator"])
def test_cop_feed_is_open_for_a_public_cop_and_not_found_for_a_private_one(client, persona):
    public = MeetingFactory().community
    private = MeetingFactory(community=CommunityFactory(visibility=Visibility.PRIVATE)).community
    if persona != "anonymous":
        person = UserFactory()
        if persona != "outsider":
            roles = [Role.FACILITATOR] if persona == "facilitator" else []
            for community in (public, private):
                MembershipFactory(community=community, user=person, roles=roles)
        client.force_login(person)

    open_feed = client.get(reverse("meetings:community_feed", args=[public.pk]))
    closed = client.get(reverse("meetings:community_feed", args=[private.pk]))

    assert (open_feed.status_code, len(events(open_feed))) == (200, 1)
    assert closed.status_code == 404


def test_feeds_answer_head_and_refuse_posts(client):
    public = MeetingFactory().community
    cop_feed = reverse("meetings:community_feed", args=[public.pk])
    personal = feed_url(MembershipFactory(community=public).user)

    assert [client.head(cop_feed).status_code, client.head(personal).status_code] == [200, 200]
    assert [client.post(cop_feed).status_code, client.post(personal).status_code] == [405, 405]


def test_calendar_page_offers_the_feed_at_the_sites_address_and_as_a_subscription(client, settings):
    settings.SITE_URL = "https://cop.example.org"
    member = MembershipFactory().user
    client.force_login(member)
    token = feed_token_of(user=member).token

    page = client.get(reverse("meetings:calendar")).content.decode()

    assert f'value="https://cop.example.org/meetings/feeds/{token}.ics"' in page
    assert f'href="webcal://cop.example.org/meetings/feeds/{token}.ics"' in page


@pytest.mark.parametrize("series", [1, 10])
def test_feeds_queries_stay_flat_when_series_grow(series, client, django_assert_max_num_queries):
    community = CommunityFactory()
    member = MembershipFactory(community=community).user
    for meeting in MeetingFactory.create_batch(series, community=community):
        start = occurrences_between(
            meeting, dt.datetime.now(dt.UTC), dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
        )[1]
        cancel_occurrence(actor=member, occurrence=start)
    personal = feed_url(member)

    # Seven: one more than the CoPs' meetings need, for the programs' convenings the owner is
    # invited to (issue 12, step 3).
    with django_assert_max_num_queries(7):
        assert len(events(client.get(personal))) == series
    with django_assert_max_num_queries(4):
        client.get(reverse("meetings:community_feed", args=[community.pk]))
