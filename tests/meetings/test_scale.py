"""Meetings' scale data (`manage.py seed_scale` at a tiny factor): its rows hang together as the
app's own writes would leave them, and the meetings pages of a seeded CoP answer."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from bench.databases import data_hash
from communities.models import Membership, User
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Charter,
    FeedToken,
    Goal,
    Meeting,
    OccurrenceChange,
    OccurrenceRecord,
    Rsvp,
)
from meetings.recurrence import belongs_to_series, occurrence_key

pytestmark = pytest.mark.django_db

# 8 CoPs (the least), 50 people: a few dozen series.
TINY = 0.01


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_scale", factor=TINY, yes_really=True, stdout=out)
    return out.getvalue()


def test_seed_scale_makes_meetings_and_what_follows_them(seeded):
    assert "meetings.meetings:" in seeded
    assert Meeting.objects.exists()
    for model in (AgendaItem, Rsvp, Attendance, OccurrenceRecord, ActionItem, FeedToken):
        assert model.objects.exists(), model
    assert Charter.objects.exists()
    assert Meeting.objects.filter(recurrence="none").exists()
    assert Meeting.objects.exclude(recurrence="none").exists()
    assert OccurrenceRecord.objects.exclude(minutes="").exists()
    agenda_sizes = {m.agenda_items.count() for m in Meeting.objects.all()}
    assert min(agenda_sizes) >= 3
    assert max(agenda_sizes) <= 6
    # Three goals to each charter.
    for charter in Charter.objects.all():
        assert Goal.objects.filter(community_id=charter.community_id).count() == 3


def test_every_answer_record_and_change_names_an_occurrence_its_series_has(seeded):
    meetings = {m.pk: m for m in Meeting.objects.all()}
    keyed = [
        *Rsvp.objects.values_list("meeting_id", "occurrence_start"),
        *Attendance.objects.values_list("meeting_id", "occurrence_start"),
        *OccurrenceRecord.objects.values_list("meeting_id", "occurrence_start"),
        *OccurrenceChange.objects.values_list("meeting_id", "original_start"),
        *ActionItem.objects.exclude(occurrence_start=None).values_list(
            "meeting_id", "occurrence_start"
        ),
    ]
    assert keyed
    for meeting_id, start in set(keyed):
        assert belongs_to_series(meetings[meeting_id], start), (meeting_id, start)


def test_answers_attendance_and_action_items_come_from_members_of_the_cop(seeded):
    members = set(Membership.objects.values_list("community_id", "user_id"))
    for model, person in ((Rsvp, "member_id"), (Attendance, "member_id")):
        pairs = model.objects.values_list("meeting__community_id", person)
        assert set(pairs) <= members, model
    owners = set(ActionItem.objects.values_list("community_id", "owner_id"))
    assert owners <= members
    # An item's meeting and goal are of its own CoP.
    assert not ActionItem.objects.exclude(meeting=None).exclude(
        meeting__community_id=F("community_id")
    )
    assert not ActionItem.objects.exclude(goal=None).exclude(goal__community_id=F("community_id"))
    # Many items are done; of those still open, some are overdue and some are not yet due.
    assert ActionItem.objects.filter(status="done").count() > ActionItem.objects.count() / 3
    still_open = ActionItem.objects.filter(status__in=("open", "in_progress"))
    today = timezone.localdate()
    assert still_open.filter(due_date__lt=today).exists()
    assert still_open.filter(due_date__gte=today).exists()


def test_meetings_pages_of_a_seeded_cop_answer(seeded, client):
    meeting = (
        Meeting.objects.exclude(recurrence="none")
        .filter(rsvps__isnull=False, records__isnull=False)
        .order_by("pk")
        .first()
    )
    community = meeting.community
    member = Membership.objects.filter(community=community).order_by("pk").first().user
    record = meeting.records.order_by("-occurrence_start").first()
    slug = community.slug
    client.force_login(member)
    for url in (
        reverse("meetings:list", args=[slug]),
        reverse("meetings:detail", args=[slug, meeting.pk]),
        reverse(
            "meetings:occurrence", args=[slug, meeting.pk, occurrence_key(record.occurrence_start)]
        ),
        reverse("meetings:actions", args=[slug]),
        reverse("meetings:my_actions"),
        reverse("meetings:calendar"),
    ):
        assert client.get(url).status_code == 200, url
    charter = Charter.objects.order_by("pk").first()
    reader = Membership.objects.filter(community_id=charter.community_id).order_by("pk").last()
    client.force_login(reader.user)
    charter_url = reverse("meetings:charter", args=[charter.community.slug])
    assert client.get(charter_url).status_code == 200
    token = FeedToken.objects.order_by("pk").first()
    response = client.get(reverse("meetings:feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_the_bench_rebuilds_its_data_when_the_meetings_seeder_changes(tmp_path):
    (tmp_path / "meetings").mkdir()
    seeder = tmp_path / "meetings" / "scale.py"
    seeder.write_text("SERIES = 1\n")
    before = data_hash(tmp_path)
    seeder.write_text("SERIES = 2\n")
    assert data_hash(tmp_path) != before


@pytest.mark.parametrize(
    "page",
    ["meetings_list", "series_calendar", "meeting", "occurrence", "actions", "my_actions", "feed"],
)
def test_bench_meetings_pages_name_urls_their_viewers_may_see(seeded, client, page):
    from bench.pages import PAGES  # noqa: PLC0415 (the bench is no app: only this test needs it)

    targets = PAGES[page]()
    assert targets
    # Many URLs or viewers, not one: a cache of one answer must not stand in for the page.
    assert len(set(targets)) == len(targets) >= 3
    for path, viewer in targets[:: max(1, len(targets) // 6)]:
        client.force_login(User.objects.get(pk=viewer))
        assert client.get(path).status_code == 200, path
