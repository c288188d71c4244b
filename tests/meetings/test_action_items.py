"""Action items: added by facilitators, moved by their owner, listed per CoP and per person,
overdue in the viewer's own zone, read-only in an archived CoP."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership, Role, Stage, Visibility
from meetings.models import ActionItem, ActionStatus
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import ActionItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

KIRITIMATI = zoneinfo.ZoneInfo("Pacific/Kiritimati")  # UTC+14
PAGO_PAGO = zoneinfo.ZoneInfo("Pacific/Pago_Pago")  # UTC-11


@pytest.fixture
def facilitator(client):
    membership = MembershipFactory(roles=[Role.FACILITATOR])
    client.force_login(membership.user)
    return membership


def test_facilitator_adds_an_item_owned_by_a_member_when_the_form_is_valid(client, facilitator):
    community = facilitator.community
    owner = MembershipFactory(community=community).user
    meeting = MeetingFactory(community=community)
    data = {"title": "Draft the survey", "owner": owner.pk, "due_date": "2030-01-31"}

    response = client.post(
        reverse("meetings:action_create", args=[community.slug]),
        data | {"meeting": meeting.pk},
        follow=True,
    )

    item = ActionItem.objects.get()
    assert (item.title, item.owner, item.meeting, item.status) == (
        "Draft the survey",
        owner,
        meeting,
        ActionStatus.OPEN,
    )
    assert item.created_by == facilitator.user
    assert b"Action item added." in response.content
    assert b"Draft the survey" in response.content


def test_item_is_refused_and_nothing_saved_when_the_owner_is_no_member(client, facilitator):
    stranger = MembershipFactory().user  # a member of another CoP

    response = client.post(
        reverse("meetings:action_create", args=[facilitator.community.slug]),
        {"title": "Draft the survey", "owner": stranger.pk},
    )

    assert response.status_code == 422
    assert "Choose a member of this CoP as the owner." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_item_refuses_a_goal_or_meeting_of_another_cop_when_posted(client, facilitator):
    community = facilitator.community
    elsewhere = MeetingFactory()
    data = {"title": "x", "owner": facilitator.user.pk, "meeting": elsewhere.pk}

    response = client.post(reverse("meetings:action_create", args=[community.slug]), data)

    assert response.status_code == 422
    assert not ActionItem.objects.exists()


def _status_url(item):
    return reverse("meetings:action_status", args=[item.community.slug, item.pk])


def test_owner_marks_their_item_done_and_reopening_forgets_when_it_was_done(client):
    item = ActionItemFactory()
    client.force_login(item.owner)

    client.post(_status_url(item), {"status": "done"})
    item.refresh_from_db()
    done_at = item.completed_at
    client.post(_status_url(item), {"status": "in_progress"})
    item.refresh_from_db()

    assert done_at is not None
    assert (item.status, item.completed_at) == (ActionStatus.IN_PROGRESS, None)


def test_status_is_refused_when_the_viewer_neither_owns_nor_facilitates(client):
    item = ActionItemFactory()
    client.force_login(MembershipFactory(community=item.community).user)

    response = client.post(_status_url(item), {"status": "done"})

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN


def test_status_answers_400_and_changes_nothing_when_the_status_is_unknown(client):
    item = ActionItemFactory()
    client.force_login(item.owner)

    response = client.post(_status_url(item), {"status": "finished"})

    assert response.status_code == 400
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN


def test_status_is_only_a_post_when_asked_with_get(client):
    item = ActionItemFactory()
    client.force_login(item.owner)

    assert client.get(_status_url(item)).status_code == 405


def titles(response) -> list[str]:
    return [item.title for item in response.context["page"]]


def test_action_list_shows_open_items_by_default_and_filters_done_all_and_mine(client):
    member = MembershipFactory()
    community = member.community
    mine = ActionItemFactory(community=community, owner=member.user, title="Mine, open")
    ActionItemFactory(community=community, title="Theirs, in progress", status="in_progress")
    ActionItemFactory(community=community, title="Done one", status="done")
    ActionItemFactory(community=community, title="Dropped one", status="dropped")
    client.force_login(member.user)
    url = reverse("meetings:actions", args=[community.slug])

    assert sorted(titles(client.get(url))) == ["Mine, open", "Theirs, in progress"]
    assert titles(client.get(url, {"status": "done"})) == ["Done one"]
    assert len(titles(client.get(url, {"status": "all"}))) == 4
    assert titles(client.get(url, {"mine": "1"})) == [mine.title]
    assert sorted(titles(client.get(url, {"status": "nonsense"}))) == [
        "Mine, open",
        "Theirs, in progress",
    ]


def test_action_list_says_so_when_there_are_no_items(client):
    member = MembershipFactory()
    client.force_login(member.user)

    response = client.get(reverse("meetings:actions", args=[member.community.slug]))

    assert b"No open action items." in response.content


def test_an_item_is_overdue_in_the_viewers_zone_when_its_due_date_has_passed_there(client):
    """Due the day before today in Kiritimati (UTC+14): overdue there; in Pago Pago (UTC-11),
    a day or two behind, that date is today or tomorrow, so not yet."""
    due = timezone.now().astimezone(KIRITIMATI).date() - dt.timedelta(days=1)
    item = ActionItemFactory(due_date=due)
    done = ActionItemFactory(community=item.community, due_date=due, status="done")
    url = reverse("meetings:actions", args=[item.community.slug])
    viewer = MembershipFactory(community=item.community).user
    client.force_login(viewer)

    seen = {}
    for zone in (KIRITIMATI, PAGO_PAGO):
        viewer.timezone = zone.key
        viewer.save(update_fields=["timezone"])
        page = client.get(url, {"status": "all"}).content.decode()
        seen[zone.key] = (f'data-testid="overdue-{item.pk}"' in page, "(overdue)" in page)
        assert f'data-testid="overdue-{done.pk}"' not in page

    assert seen == {"Pacific/Kiritimati": (True, True), "Pacific/Pago_Pago": (False, False)}


def test_my_items_span_my_cops_and_drop_a_cop_when_i_leave_it(client):
    me = UserFactory()
    private = CommunityFactory(visibility=Visibility.PRIVATE)
    public = CommunityFactory()
    for community in (private, public):
        MembershipFactory(community=community, user=me)
    kept = ActionItemFactory(community=public, owner=me, title="In the public CoP")
    ActionItemFactory(community=private, owner=me, title="In the private CoP")
    ActionItemFactory(community=public, title="Someone else's")
    client.force_login(me)
    url = reverse("meetings:my_actions")

    before = sorted(titles(client.get(url)))
    Membership.objects.filter(community=private, user=me).delete()
    after = titles(client.get(url))

    assert before == ["In the private CoP", "In the public CoP"]
    assert after == [kept.title]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["meetings:actions", "meetings:my_actions"])
def test_action_lists_keep_their_queries_when_rows_grow_tenfold(client, url_name):
    member = MembershipFactory(roles=[Role.FACILITATOR])
    community = member.community
    meeting = MeetingFactory(community=community)

    def add(n):
        for _ in range(n):
            owner = MembershipFactory(community=community).user
            ActionItemFactory(community=community, owner=member.user, meeting=meeting)
            ActionItemFactory(community=community, owner=owner, meeting=meeting)

    client.force_login(member.user)
    url = reverse(url_name, args=[community.slug] if url_name == "meetings:actions" else [])
    add(2)
    few = _queries(client, url)
    add(18)
    many = _queries(client, url)

    assert many == few
    response = client.get(url)
    assert len(titles(response)) == 20 if url_name == "meetings:my_actions" else 25
    assert response.content.decode().count('name="status"') == len(titles(response))


def test_an_archived_cop_takes_no_new_items_or_status_changes(client):
    community = CommunityFactory(stage=Stage.ARCHIVED)
    facilitator = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    item = ActionItemFactory(community=community)

    for person in (facilitator, item.owner):
        client.force_login(person)
        page = client.get(reverse("meetings:actions", args=[community.slug])).content.decode()
        created = client.post(
            reverse("meetings:action_create", args=[community.slug]),
            {"title": "New", "owner": person.pk},
        )
        moved = client.post(_status_url(item), {"status": "done"})

        assert (created.status_code, moved.status_code) == (403, 403)
        assert 'name="status"' not in page
        assert "Add an action item" not in page
    item.refresh_from_db()
    assert (ActionItem.objects.count(), item.status) == (1, ActionStatus.OPEN)


def test_an_item_stays_with_the_cop_when_its_owner_deletes_their_account(client):
    item = ActionItemFactory(title="Keep me")
    viewer = MembershipFactory(community=item.community).user
    item.owner.delete()
    client.force_login(viewer)

    page = client.get(reverse("meetings:actions", args=[item.community.slug])).content.decode()

    assert ActionItem.objects.get().owner is None
    assert "Keep me" in page and "a former member" in page


def test_an_item_of_another_cop_is_not_found_through_this_cops_address(client, facilitator):
    elsewhere = ActionItemFactory()
    url = reverse("meetings:action_status", args=[facilitator.community.slug, elsewhere.pk])

    response = client.post(url, {"status": "done"})

    elsewhere.refresh_from_db()
    assert (response.status_code, elsewhere.status) == (404, ActionStatus.OPEN)
