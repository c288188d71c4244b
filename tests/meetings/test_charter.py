"""The charter as facilitators write it, step by step, and as members, overseers and outsiders
read it; goals' status and progress notes."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Role, Stage, Visibility
from meetings.models import CHARTER_STEPS, Charter, CharterRole, Goal, GoalNote, GoalStatus
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import CharterFactory, GoalFactory

pytestmark = pytest.mark.django_db


def step_url(community, step):
    return reverse("meetings:charter_step", args=[community.slug, step])


def charter_url(community):
    return reverse("meetings:charter", args=[community.slug])


@pytest.fixture
def facilitator(client):
    membership = MembershipFactory(roles=[Role.FACILITATOR])
    client.force_login(membership.user)
    return membership


def test_each_step_saves_the_draft_and_the_charter_page_resumes_at_the_step_reached(
    client, facilitator
):
    community = facilitator.community

    first = client.post(step_url(community, 1), {"potential": "We share what works."})
    client.post(
        step_url(community, 2),
        {"goal_1_title": "Halve turnover", "goal_1_measure": "HR figures in a year"},
    )

    assert first.url == step_url(community, 2)
    charter = Charter.objects.get(community=community)
    assert (charter.potential, charter.step_reached, charter.published_at) == (
        "We share what works.",
        3,
        None,
    )
    assert list(Goal.objects.values_list("position", "title", "success_measure")) == [
        (1, "Halve turnover", "HR figures in a year")
    ]
    page = client.get(charter_url(community)).content.decode()
    assert step_url(community, 3) in page
    assert f"step 3 of {CHARTER_STEPS}" in page
    assert "Draft — not yet published." in page
    again = client.get(step_url(community, 1)).content.decode()
    assert "We share what works." in again
    assert "Step 1 of 9" in again


def test_save_draft_returns_to_the_charter_page_and_back_goes_one_step_back(client, facilitator):
    community = facilitator.community
    CharterFactory(community=community, published_at=None, step_reached=5)

    saved = client.post(
        step_url(community, 5), {"schedule": "Tuesdays", "action": "save"}, follow=True
    )
    back = client.post(step_url(community, 5), {"schedule": "Wednesdays", "action": "back"})

    assert saved.redirect_chain == [(charter_url(community), 302)]
    assert "Draft saved." in saved.content.decode()
    assert back.url == step_url(community, 4)
    charter = Charter.objects.get()
    # Leaving or going back does not count as reaching the next step.
    assert (charter.schedule, charter.step_reached) == ("Wednesdays", 5)


def test_the_last_step_publishes_and_members_then_read_the_charter(client, facilitator):
    community = facilitator.community
    CharterFactory(community=community, published_at=None, step_reached=9)
    GoalFactory(community=community, title="Halve turnover")
    member = MembershipFactory(community=community).user

    response = client.post(
        step_url(community, 9), {"resources": "A shared folder", "action": "publish"}, follow=True
    )

    charter = Charter.objects.get()
    assert charter.published_at is not None
    assert charter.resources == "A shared folder"
    assert "The charter is published" in response.content.decode()
    client.force_login(member)
    page = client.get(charter_url(community)).content.decode()
    assert "Halve turnover" in page
    assert "A shared folder" in page
    assert "Draft" not in page
    assert step_url(community, 1) not in page


def test_publishing_explains_what_is_missing_and_saves_nothing_when_no_goal_is_named(
    client, facilitator
):
    community = facilitator.community
    CharterFactory(community=community, published_at=None, potential="")

    response = client.post(
        step_url(community, 9), {"resources": "A shared folder", "action": "publish"}
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Describe the team&#x27;s potential (step 1)." in page
    assert "Name at least one goal" in page
    charter = Charter.objects.get()
    assert (charter.published_at, charter.resources) == (None, "")


def test_only_the_last_step_publishes_when_a_publish_is_forged_earlier(client, facilitator):
    community = facilitator.community
    CharterFactory(community=community, published_at=None)
    GoalFactory(community=community)

    response = client.post(step_url(community, 4), {"meeting_length": "1h", "action": "publish"})

    assert response.url == step_url(community, 5)
    assert Charter.objects.get().published_at is None


def test_members_see_no_draft_and_facilitators_see_it_marked(client, facilitator):
    community = facilitator.community
    CharterFactory(community=community, published_at=None, potential="Secret plans")
    member = MembershipFactory(community=community).user

    own = client.get(charter_url(community)).content.decode()
    client.force_login(member)
    theirs = client.get(charter_url(community)).content.decode()

    assert "Secret plans" in own
    assert "Draft — not yet published." in own
    assert "Secret plans" not in theirs
    assert "No charter yet." in theirs
    assert "Start the charter" not in theirs


def test_a_facilitator_is_offered_to_start_when_there_is_no_charter(client, facilitator):
    page = client.get(charter_url(facilitator.community)).content.decode()

    assert "No charter yet." in page
    assert step_url(facilitator.community, 1) in page


def test_a_member_cannot_edit_the_charter_or_its_goals(client):
    charter = CharterFactory(potential="Ours")
    goal = GoalFactory(community=charter.community)
    community = charter.community
    client.force_login(MembershipFactory(community=community).user)

    read = client.get(step_url(community, 1))
    wrote = client.post(step_url(community, 1), {"potential": "Mine"})
    status = client.post(
        reverse("meetings:goal_status", args=[community.slug, goal.pk]), {"status": "achieved"}
    )
    note = client.post(
        reverse("meetings:goal_note", args=[community.slug, goal.pk]),
        {"dated": "2025-01-02", "body": "Done"},
    )

    assert [r.status_code for r in (read, wrote, status, note)] == [403, 403, 403, 403]
    assert Charter.objects.get().potential == "Ours"
    assert Goal.objects.get().status == GoalStatus.NOT_STARTED
    assert not GoalNote.objects.exists()


def test_an_archived_cops_charter_is_read_only_for_its_facilitators(client):
    community = CommunityFactory(stage=Stage.ARCHIVED)
    CharterFactory(community=community, potential="Kept")
    goal = GoalFactory(community=community)
    client.force_login(MembershipFactory(community=community, roles=[Role.FACILITATOR]).user)

    page = client.get(charter_url(community))
    wrote = client.post(step_url(community, 1), {"potential": "Changed"})
    status = client.post(
        reverse("meetings:goal_status", args=[community.slug, goal.pk]), {"status": "achieved"}
    )

    assert page.status_code == 200
    assert "Kept" in page.content.decode()
    assert step_url(community, 1) not in page.content.decode()
    assert "Update this goal" not in page.content.decode()
    assert (wrote.status_code, status.status_code) == (403, 403)
    assert Charter.objects.get().potential == "Kept"
    assert Goal.objects.get().status == GoalStatus.NOT_STARTED


def test_a_private_cops_charter_is_not_found_for_outsiders_and_read_by_its_provider(client):
    provider = UserFactory()
    community = CommunityFactory(visibility=Visibility.PRIVATE, provider=provider)
    CharterFactory(community=community, potential="Inside only")
    goal = GoalFactory(community=community)

    client.force_login(UserFactory())
    outsider = [
        client.get(charter_url(community)).status_code,
        client.get(step_url(community, 1)).status_code,
        client.post(
            reverse("meetings:goal_status", args=[community.slug, goal.pk]), {"status": "dropped"}
        ).status_code,
    ]
    client.force_login(provider)
    overseer = client.get(charter_url(community))

    assert outsider == [404, 404, 404]
    assert overseer.status_code == 200
    assert "Inside only" in overseer.content.decode()


def test_a_public_cops_charter_is_read_by_anyone_signed_in_but_not_edited(client):
    community = CommunityFactory(visibility=Visibility.PUBLIC)
    CharterFactory(community=community, potential="Open to all")
    client.force_login(UserFactory())

    assert "Open to all" in client.get(charter_url(community)).content.decode()
    assert client.get(step_url(community, 1)).status_code == 403


def test_a_goal_without_how_success_will_be_known_is_explained_and_nothing_saved(
    client, facilitator
):
    community = facilitator.community
    data = {
        "goal_1_title": "Halve turnover",
        "goal_1_measure": "HR figures",
        "goal_2_title": "More peers",
        "goal_2_measure": "",
        "goal_3_title": "",
        "goal_3_measure": "Everyone smiles",
    }

    response = client.post(step_url(community, 2), data)

    assert response.status_code == 422
    page = response.content.decode()
    assert "Say how the group will know this goal is met." in page
    assert "Name the goal this measure belongs to." in page
    assert "Halve turnover" in page  # what was typed stays in the form
    assert not Goal.objects.exists()
    assert not Charter.objects.exists()


def test_goals_step_updates_and_an_emptied_slot_drops_its_goal(client, facilitator):
    community = facilitator.community
    first = GoalFactory(community=community, position=1, title="Old", status="in_progress")
    GoalFactory(community=community, position=2, title="Dropped slot")
    data = {"goal_1_title": "New title", "goal_1_measure": "Counted", "goal_2_title": ""}

    client.post(step_url(community, 2), data)

    goal = Goal.objects.get()
    assert (goal.pk, goal.title, goal.success_measure) == (first.pk, "New title", "Counted")
    # A goal's progress is kept when its words change.
    assert goal.status == GoalStatus.IN_PROGRESS


def test_roles_are_filled_by_members_or_left_unfilled(client, facilitator):
    community = facilitator.community
    member = MembershipFactory(community=community, user__name="Ada Lovelace").user
    data = {
        "role_1_name": "Note taker",
        "role_1_holder": str(member.pk),
        "role_2_name": "Timekeeper",
        "role_2_holder": "",
    }

    client.post(step_url(community, 8), data)
    Charter.objects.update(published_at=timezone.now())

    roles = list(CharterRole.objects.values_list("position", "name", "holder"))
    assert roles == [(1, "Note taker", member.pk), (2, "Timekeeper", None)]
    page = client.get(charter_url(community)).content.decode()
    assert "Ada Lovelace" in page
    assert "Unfilled" in page
    form = client.get(step_url(community, 8)).content.decode()
    assert 'value="Note taker"' in form


def test_a_role_whose_holder_left_the_cop_reads_unfilled(client, facilitator):
    community = facilitator.community
    charter = CharterFactory(community=community)
    left = MembershipFactory(community=community, user__name="Gone Away")
    CharterRole.objects.create(charter=charter, position=1, name="Host", holder=left.user)
    left.delete()

    page = client.get(charter_url(community)).content.decode()

    assert "Gone Away" not in page
    assert "Unfilled" in page


def test_a_role_holder_who_is_not_a_member_is_refused_and_nothing_saved(client, facilitator):
    community = facilitator.community
    charter = CharterFactory(community=community)
    CharterRole.objects.create(charter=charter, position=1, name="Host")
    stranger = UserFactory()

    response = client.post(
        step_url(community, 8),
        {"role_1_name": "Host", "role_1_holder": str(stranger.pk)},
    )

    assert response.status_code == 422
    assert "Choose a member of this CoP, or leave the role unfilled." in response.content.decode()
    assert list(CharterRole.objects.values_list("name", "holder")) == [("Host", None)]


def test_formats_are_chosen_from_a_labelled_group_and_shown_by_name(client, facilitator):
    community = facilitator.community
    form = client.get(step_url(community, 3)).content.decode()

    client.post(
        step_url(community, 3),
        {"formats": ["check_ins", "problem_solving"], "format_description": "Monthly"},
    )
    bad = client.post(step_url(community, 3), {"formats": ["karaoke"]})
    Charter.objects.update(published_at=timezone.now())

    assert "<fieldset" in form
    assert "<legend" in form
    assert Charter.objects.get().formats == ["check_ins", "problem_solving"]
    assert bad.status_code == 422
    assert "Choose formats from the list." in bad.content.decode()
    page = client.get(charter_url(community)).content.decode()
    assert "Regular check-ins" in page
    assert "Shared problem-solving" in page


def test_a_step_past_the_last_is_not_found(client, facilitator):
    assert client.get(step_url(facilitator.community, CHARTER_STEPS + 1)).status_code == 404
    assert client.get(step_url(facilitator.community, 0)).status_code == 404


def test_facilitator_changes_a_goals_status_with_a_message(client, facilitator):
    community = facilitator.community
    CharterFactory(community=community)
    goal = GoalFactory(community=community, title="Halve turnover")
    url = reverse("meetings:goal_status", args=[community.slug, goal.pk])

    response = client.post(url, {"status": "in_progress"}, follow=True)

    goal.refresh_from_db()
    assert goal.status == GoalStatus.IN_PROGRESS
    assert "is now in progress" in response.content.decode()
    assert client.get(url).status_code == 405


def test_progress_notes_are_listed_newest_first(client, facilitator):
    community = facilitator.community
    CharterFactory(community=community)
    goal = GoalFactory(community=community)
    url = reverse("meetings:goal_note", args=[community.slug, goal.pk])

    client.post(url, {"dated": "2025-03-01", "body": "Second step"})
    response = client.post(url, {"dated": "2025-01-15", "body": "First step"}, follow=True)

    page = response.content.decode()
    assert "Progress note added." in page
    assert page.index("Second step") < page.index("First step")
    assert GoalNote.objects.filter(author=facilitator.user).count() == 2


def test_a_notes_date_defaults_to_the_viewers_today_and_may_not_be_later(client):
    zone = zoneinfo.ZoneInfo("Pacific/Kiritimati")  # UTC+14: often a day ahead of UTC
    community = CommunityFactory()
    user = UserFactory(timezone="Pacific/Kiritimati")
    MembershipFactory(community=community, user=user, roles=[Role.FACILITATOR])
    CharterFactory(community=community)
    goal = GoalFactory(community=community)
    client.force_login(user)
    url = reverse("meetings:goal_note", args=[community.slug, goal.pk])
    today = dt.datetime.now(zone).date()

    page = client.get(charter_url(community)).content.decode()
    accepted = client.post(url, {"dated": today.isoformat(), "body": "Today, there"})
    later = client.post(url, {"dated": (today + dt.timedelta(1)).isoformat(), "body": "Soon"})

    assert f'value="{today.isoformat()}"' in page
    assert accepted.status_code == 302
    assert later.status_code == 422
    assert "A progress note cannot be dated in the future." in later.content.decode()
    # The goal's form is shown open, so the message is seen without looking for it.
    assert '<details class="mt-2" open>' in later.content.decode()
    assert list(GoalNote.objects.values_list("body", flat=True)) == ["Today, there"]


def test_another_cops_goal_is_not_found(client, facilitator):
    elsewhere = GoalFactory()
    url = reverse("meetings:goal_status", args=[facilitator.community.slug, elsewhere.pk])

    assert client.post(url, {"status": "dropped"}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == GoalStatus.NOT_STARTED


def test_the_meetings_list_links_to_the_charter(client, facilitator):
    page = client.get(reverse("meetings:list", args=[facilitator.community.slug]))

    assert charter_url(facilitator.community) in page.content.decode()


@pytest.mark.parametrize("rows", [1, 10])
@pytest.mark.parametrize("as_facilitator", [True, False])
def test_charter_page_queries_stay_flat_when_goals_notes_and_roles_grow(
    rows, as_facilitator, client
):
    community = CommunityFactory()
    charter = CharterFactory(community=community)
    for position in range(1, rows + 1):
        goal = GoalFactory(community=community, position=position)
        for day in range(rows):
            GoalNote.objects.create(
                goal=goal,
                dated=dt.date(2025, 1, 1) + dt.timedelta(day),
                body="Step",
                author=UserFactory(),
            )
        holder = MembershipFactory(community=community).user
        CharterRole.objects.create(charter=charter, position=position, name="Role", holder=holder)
    roles = [Role.FACILITATOR] if as_facilitator else []
    client.force_login(MembershipFactory(community=community, roles=roles).user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(charter_url(community))

    assert len(queries) <= 10, [q["sql"] for q in queries]

    assert response.content.decode().count('class="card mb-3"') == rows


@pytest.mark.parametrize("members", [1, 10])
def test_the_roles_step_asks_for_the_members_once_however_many_there_are(
    members, client, facilitator
):
    community = facilitator.community
    charter = CharterFactory(community=community)
    for n in range(members):
        holder = MembershipFactory(community=community).user
        if n < 6:
            CharterRole.objects.create(charter=charter, position=n + 1, name="R", holder=holder)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(step_url(community, 8))

    assert response.status_code == 200
    assert len(queries) <= 9, [q["sql"] for q in queries]
