"""Attendance taken by a facilitator once an occurrence has begun, its CSV (never a formula in a
spreadsheet), and the notes and minutes of an occurrence, rendered sanitised."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Role, Stage
from meetings.models import Attendance, OccurrenceRecord, Rsvp
from meetings.recurrence import occurrences_between
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def make_series(community=None):
    """A weekly series of a CoP that began two weeks ago: its facilitator, its occurrences that
    have begun, and the next one."""
    community = community or CommunityFactory()
    facilitator = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    began = timezone.now() - dt.timedelta(days=14)
    meeting = MeetingFactory(community=community, start_date=began.date())
    now = timezone.now()
    past = [o for o in occurrences_between(meeting, began - dt.timedelta(1), now) if o.start < now]
    following = occurrences_between(meeting, now, now + dt.timedelta(days=9))
    return meeting, facilitator, past, next(o for o in following if o.start > now)


def url(name, occurrence):
    meeting = occurrence.meeting
    return reverse(name, args=[meeting.community.slug, meeting.pk, occurrence.key])


def test_the_sheet_starts_from_each_members_answer_when_none_was_taken(client):
    meeting, facilitator, past, _next = make_series()
    coming, staying = (MembershipFactory(community=meeting.community).user for _ in range(2))
    for person, response in ((coming, "yes"), (staying, "no")):
        Rsvp.objects.create(
            meeting=meeting,
            occurrence_start=past[0].original_start,
            member=person,
            response=response,
        )
    client.force_login(facilitator)

    form = client.get(url("meetings:attendance", past[0])).context["form"]

    assert form[f"member-{coming.pk}"].initial == "present"
    assert form[f"member-{staying.pk}"].initial == "excused"
    assert form[f"member-{facilitator.pk}"].initial is None


def test_facilitator_saves_everyones_attendance_in_one_post_and_can_correct_it(client):
    meeting, facilitator, past, _next = make_series()
    member = MembershipFactory(community=meeting.community).user
    outsider = UserFactory()
    client.force_login(facilitator)
    target = url("meetings:attendance", past[0])

    response = client.post(
        target,
        {
            f"member-{facilitator.pk}": "present",
            f"member-{member.pk}": "absent",
            f"member-{outsider.pk}": "present",  # not a member: no field, ignored
        },
        follow=True,
    )
    client.post(target, {f"member-{member.pk}": "excused"})

    saved = dict(Attendance.objects.values_list("member_id", "status"))
    assert saved == {facilitator.pk: "present", member.pk: "excused"}
    assert b"Attendance saved." in response.content
    assert Attendance.objects.get(member=member).taken_by == facilitator


def test_attendance_is_refused_when_the_occurrence_has_not_started(client):
    _meeting, facilitator, _past, following = make_series()
    client.force_login(facilitator)

    response = client.post(
        url("meetings:attendance", following), {f"member-{facilitator.pk}": "present"}
    )

    assert response.status_code == 409
    assert "has not started yet" in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_and_minutes_are_the_facilitators_when_a_member_tries(client):
    meeting, _facilitator, past, _next = make_series()
    member = MembershipFactory(community=meeting.community).user
    client.force_login(member)

    taken = client.post(url("meetings:attendance", past[0]), {f"member-{member.pk}": "present"})
    written = client.post(url("meetings:minutes", past[0]), {"minutes": "Mine"})
    page = client.get(url("meetings:occurrence", past[0])).content.decode()

    assert (taken.status_code, written.status_code) == (403, 403)
    assert not Attendance.objects.exists() and not OccurrenceRecord.objects.exists()
    assert "Take attendance" not in page and "(CSV)" not in page


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_escapes_every_cell_a_spreadsheet_would_run(client):
    meeting, facilitator, past, _next = make_series()
    tricky = {
        '=HYPERLINK("https://evil.example.com","Click")': "'=HYPERLINK(",
        "+1 234": "'+1 234",
        "-2+3": "'-2+3",
        "@SUM(A1)": "'@SUM(A1)",
        "\tTabbed": "'\tTabbed",
        "\rReturned": "'\rReturned",
        "Plain Name": "Plain Name",
    }
    for name in tricky:
        person = MembershipFactory(community=meeting.community, user=UserFactory(name=name)).user
        Attendance.objects.create(
            meeting=meeting,
            occurrence_start=past[0].original_start,
            member=person,
            status="present",
        )
    client.force_login(facilitator)

    response = client.get(url("meetings:attendance_csv", past[0]))

    assert response["Content-Type"].startswith("text/csv")
    day = past[0].start.astimezone(meeting.zone).date().isoformat()
    assert (
        f'filename="check-in-{meeting.title.split()[-1]}-{day}-attendance.csv"'
        in (response["Content-Disposition"])
    )
    header, *rows = rows_of(response)
    assert header == ["Meeting", "Date", "Member", "Handle", "Attendance"]
    assert len(rows) == len(tricky)
    for name, expected in tricky.items():
        (row,) = [r for r in rows if r[2].lstrip("'") == name]
        assert row[2].startswith(expected)
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_the_series_csv_lists_each_occurrence_at_the_time_it_took_place(client):
    meeting, facilitator, past, _next = make_series()
    for occurrence, status in zip(past[:2], ("present", "absent"), strict=True):
        Attendance.objects.create(
            meeting=meeting,
            occurrence_start=occurrence.original_start,
            member=facilitator,
            status=status,
        )
    client.force_login(facilitator)

    response = client.get(
        reverse("meetings:series_attendance_csv", args=[meeting.community.slug, meeting.pk])
    )

    _header, *rows = rows_of(response)
    local = [o.start.astimezone(meeting.zone).strftime("%Y-%m-%d %H:%M %Z") for o in past[:2]]
    assert [(row[1], row[4]) for row in rows] == [(local[0], "Present"), (local[1], "Absent")]
    assert response["Content-Disposition"].endswith('-attendance.csv"')


def test_the_csv_is_for_facilitators_not_members_or_those_who_oversee(client):
    program = ProgramFactory()
    provider, leader = UserFactory(), UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    community = CommunityFactory(program=program, provider=provider)
    _meeting, facilitator, past, _next = make_series(community)
    member = MembershipFactory(community=community).user
    target = url("meetings:attendance_csv", past[0])

    answers = {}
    for name, person in {"facilitator": facilitator, "member": member, "provider": provider,
                         "leader": leader}.items():  # fmt: skip
        client.force_login(person)
        answers[name] = client.get(target).status_code

    assert answers == {"facilitator": 200, "member": 403, "provider": 403, "leader": 403}


def test_an_archived_cop_keeps_its_records_readable_and_takes_no_new_ones(client):
    meeting, facilitator, past, _next = make_series(CommunityFactory(stage=Stage.ARCHIVED))
    OccurrenceRecord.objects.create(
        meeting=meeting,
        occurrence_start=past[0].original_start,
        minutes="Kept",
        minutes_html="<p>Kept</p>",
    )
    client.force_login(facilitator)

    page = client.get(url("meetings:occurrence", past[0])).content.decode()
    taken = client.post(
        url("meetings:attendance", past[0]), {f"member-{facilitator.pk}": "present"}
    )
    written = client.post(url("meetings:minutes", past[0]), {"minutes": "Changed"})
    exported = client.get(url("meetings:attendance_csv", past[0]))

    assert (taken.status_code, written.status_code, exported.status_code) == (403, 403, 200)
    assert "<p>Kept</p>" in page
    assert "Take attendance" not in page and "Edit notes and minutes" not in page
    assert not Attendance.objects.exists()
    assert OccurrenceRecord.objects.get().minutes == "Kept"


def test_minutes_are_written_in_markdown_and_shown_sanitised_to_members(client):
    meeting, facilitator, past, _next = make_series()
    client.force_login(facilitator)
    text = "**Decided**: meet monthly.\n\n<script>alert(1)</script>[x](javascript:alert(2))"

    response = client.post(
        url("meetings:minutes", past[0]), {"notes": "- prep", "minutes": text}, follow=True
    )
    client.force_login(MembershipFactory(community=meeting.community).user)
    page = client.get(url("meetings:occurrence", past[0])).content.decode()

    record = OccurrenceRecord.objects.get()
    assert (record.minutes, record.updated_by) == (text, facilitator)
    assert b"Notes and minutes saved." in response.content
    assert "<strong>Decided</strong>" in page
    assert "<li>prep</li>" in page
    assert "<script>" not in page.split('id="minutes"')[1]
    assert "javascript:" not in page


def test_minutes_longer_than_allowed_are_refused_and_nothing_is_saved(client):
    _meeting, facilitator, past, _next = make_series()
    client.force_login(facilitator)

    response = client.post(url("meetings:minutes", past[0]), {"minutes": "x" * 20001})

    assert response.status_code == 422
    assert not OccurrenceRecord.objects.exists()
