"""SPEC §8: every form of the project answers bad input with a 4xx and its message, and changes
nothing. A form that failed validation answers 422 (htmx is told to swap it, so the messages
show); a request no page of ours sends (a stage off the list, a forged button) answers 400.

`FORMS` holds one bad submission per form; `test_every_form_is_walked` compares it with every
POST-accepting URL of the permission matrix, so a new form cannot be forgotten."""

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from communities.discussions.ping_links import answer_token
from communities.models import (
    Attachment,
    Community,
    Invitation,
    JoinPolicy,
    JoinRequest,
    MemberImport,
    Membership,
    Ping,
    PingAnswer,
    Post,
    Program,
    Report,
    Thread,
    User,
)
from communities.notifications.preferences import notification_modes
from meetings.models import Meeting, OccurrenceChange, Rsvp
from meetings.recurrence import occurrences_between
from tests import upload_files as files
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ProgramFactory,
    ThreadFactory,
    UserFactory,
)
from tests.matrix import discover, merge
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

REQUIRED = "This field is required."


@dataclass
class World:
    leader: User  # a TTA leader who leads the program and facilitates its CoP
    program: Program
    community: Community
    gated: Community  # asks for approval; the leader is not a member
    membership: Membership
    join_request: JoinRequest
    thread: Thread
    own_post: Post
    other_post: Post
    report: Report
    ping: Ping


@pytest.fixture
def world() -> World:
    leader = UserFactory(is_tta_leader=True)
    program = ProgramFactory()
    program.leaders.add(leader)
    community = CommunityFactory(program=program)
    MembershipFactory(community=community, user=leader, roles=["facilitator"])
    membership = MembershipFactory(community=community)
    thread = ThreadFactory(community=community, author=leader)
    other_post = PostFactory(thread=thread, author=membership.user)
    return World(
        leader=leader,
        program=program,
        community=community,
        gated=CommunityFactory(join_policy=JoinPolicy.APPROVAL),
        membership=membership,
        join_request=JoinRequest.objects.create(community=community, user=UserFactory()),
        thread=thread,
        own_post=PostFactory(thread=thread, author=leader),
        other_post=other_post,
        report=Report.objects.create(post=other_post, reporter=UserFactory(), reason="spam"),
        ping=Ping.objects.create(
            community=community,
            question="Which day suits?",
            choices=["Monday", "Friday"],
            closes_at=timezone.now() + dt.timedelta(days=2),
        ),
    )


def _fields(instance: Callable[[World], Any], *names: str) -> Callable[[World], tuple]:
    """The saved values of an object's fields, read afresh from the database."""

    def read(w: World) -> tuple:
        obj = instance(w)
        saved = type(obj).objects.get(pk=obj.pk)
        return tuple(getattr(saved, name) for name in names)

    return read


def _count(*models) -> Callable[[World], tuple]:
    return lambda w: tuple(model.objects.count() for model in models)


def _text_answer_token(w: World) -> str:
    """The leader's emailed answer link to a free-text ping (its page asks for the words)."""
    ping = Ping.objects.create(
        community=w.community,
        question="What would help?",
        closes_at=timezone.now() + dt.timedelta(days=2),
    )
    return answer_token(ping=ping, member=w.leader)


@dataclass(frozen=True)
class Bad:
    url: str
    kwargs: Callable[[World], dict]
    data: dict | Callable[[World], dict]
    message: str  # shown on the answer
    unchanged: Callable[[World], Any]  # the same before and after
    status: int = 422


def _slug(w: World) -> dict:
    return {"slug": w.community.slug}


def _in_cop(target: Callable[[World], Any], name: str = "pk") -> Callable[[World], dict]:
    return lambda w: {"slug": w.community.slug, name: target(w).pk}


def _meeting(w: World) -> Meeting:
    """The CoP's one meeting, made on first use (the world has none of its own)."""
    return Meeting.objects.filter(community=w.community).first() or MeetingFactory(
        community=w.community
    )


def _occurrence(w: World) -> dict:
    meeting = _meeting(w)
    now = timezone.now()
    first = occurrences_between(meeting, now, now + dt.timedelta(days=60))[0]
    return {"slug": w.community.slug, "pk": meeting.pk, "occurrence": first.key}


def _file_on(w: World, post: Post | None, name: str) -> Attachment:
    """A file's record only: a refused edit never reaches its stored file."""
    return Attachment.objects.create(
        thread=w.thread,
        post=post,
        storage_name=f"discussions/{name}",
        name=name,
        content_type="text/plain",
        size=10,
    )


def _remove_anothers_file(w: World) -> dict:
    """The thread's edit form, sent with a reply's file ticked for removal (a forged id)."""
    _file_on(w, None, "agenda.txt")
    others = _file_on(w, w.other_post, "theirs.txt")
    return {"title": "Rewritten", "body": "Rewritten", "remove": [others.pk]}


def _attachments(w: World) -> list:
    return list(Attachment.objects.order_by("pk").values_list("pk", "thread", "post", "name"))


FORMS = {
    "communities:create": Bad(
        "communities:create", lambda w: {}, {"name": ""}, REQUIRED, _count(Community)
    ),
    "communities:edit": Bad(
        "communities:edit",
        _slug,
        {"name": "", "slug": "a-new-address"},
        REQUIRED,
        _fields(lambda w: w.community, "name", "slug"),
    ),
    "communities:stage": Bad(
        "communities:stage",
        _slug,
        {"stage": "nowhere"},
        "Choose one of the lifecycle stages.",
        _fields(lambda w: w.community, "stage"),
        status=400,
    ),
    "communities:request": Bad(
        "communities:request",
        lambda w: {"slug": w.gated.slug},
        {"message": "x" * 1001},
        "at most 1000 characters",
        _count(JoinRequest),
    ),
    "communities:invite": Bad(
        "communities:invite",
        _slug,
        {"emails": "", "mode": "invite"},
        "Paste at least one email address, or choose a file.",
        _count(MemberImport, Invitation, Membership),
    ),
    "communities:member_roles": Bad(
        "communities:member_roles",
        _in_cop(lambda w: w.membership),
        {"roles": ["emperor"]},
        "Choose roles from the list.",
        lambda w: sorted(w.membership.roles.values_list("role", flat=True)),
        status=400,
    ),
    "communities:join_request_decide": Bad(
        "communities:join_request_decide",
        _in_cop(lambda w: w.join_request),
        {"decision": "maybe"},
        "Choose approve or decline.",
        _fields(lambda w: w.join_request, "status"),
        status=400,
    ),
    "communities:profile_edit": Bad(
        "communities:profile_edit",
        lambda w: {"handle": w.leader.handle},
        {"name": "Renamed", "handle": "a/b"},
        "Use 2 to 30 lower-case letters, digits or underscores.",
        _fields(lambda w: w.leader, "name", "handle", "bio"),
    ),
    "communities:notification_settings": Bad(
        "communities:notification_settings",
        lambda w: {"handle": w.leader.handle},
        {"nothing": "at all"},
        REQUIRED,
        lambda w: notification_modes(user=w.leader),
    ),
    "communities:account_delete": Bad(
        "communities:account_delete",
        lambda w: {"handle": w.leader.handle},
        {"password": "not my password"},
        "password",
        lambda w: User.objects.filter(pk=w.leader.pk, is_active=True).count(),
    ),
    "communities:program_create": Bad(
        "communities:program_create", lambda w: {}, {"name": ""}, REQUIRED, _count(Program)
    ),
    "communities:program_edit": Bad(
        "communities:program_edit",
        lambda w: {"slug": w.program.slug},
        {"name": "", "slug": "elsewhere"},
        REQUIRED,
        _fields(lambda w: w.program, "name", "slug"),
    ),
    "communities:program_add_community": Bad(
        "communities:program_add_community",
        lambda w: {"slug": w.program.slug},
        {"community": "999999"},
        "Choose a community that is not in a program yet.",
        lambda w: sorted(w.program.communities.values_list("pk", flat=True)),
    ),
    "communities:program_add_leader": Bad(
        "communities:program_add_leader",
        lambda w: {"slug": w.program.slug},
        {"leader-email": "nobody-has-this@example.org"},
        "account",
        lambda w: sorted(w.program.leaders.values_list("pk", flat=True)),
    ),
    "communities:program_assign_provider": Bad(
        "communities:program_assign_provider",
        lambda w: {"slug": w.program.slug, "community_slug": w.community.slug},
        lambda w: {f"provider-{w.community.pk}-email": "not an address"},
        "Enter a valid email address.",
        _fields(lambda w: w.community, "provider_id"),
    ),
    "communities:thread_create": Bad(
        "communities:thread_create",
        _slug,
        {"kind": "question", "title": "", "body": ""},
        REQUIRED,
        _count(Thread, Post),
    ),
    "communities:thread_reply": Bad(
        "communities:thread_reply",
        _in_cop(lambda w: w.thread),
        {"body": ""},
        REQUIRED,
        _count(Post),
    ),
    "communities:thread_edit": Bad(
        "communities:thread_edit",
        _in_cop(lambda w: w.thread),
        _remove_anothers_file,
        "Select a valid choice.",
        lambda w: (_fields(lambda w: w.thread, "title", "body")(w), _attachments(w)),
    ),
    "communities:thread_moderate": Bad(
        "communities:thread_moderate",
        _in_cop(lambda w: w.thread),
        {"action": "explode"},
        "Unknown moderation action.",
        _fields(lambda w: w.thread, "is_pinned", "is_locked", "is_hidden"),
        status=400,
    ),
    "communities:post_moderate": Bad(
        "communities:post_moderate",
        _in_cop(lambda w: w.other_post),
        {"action": "explode"},
        "Unknown moderation action.",
        _fields(lambda w: w.other_post, "is_hidden", "deleted_at"),
        status=400,
    ),
    "communities:post_edit": Bad(
        "communities:post_edit",
        _in_cop(lambda w: w.own_post),
        lambda _w: {
            "body": "Rewritten",
            "attachments": SimpleUploadedFile("report.pdf", files.HTML),
        },
        "holds web page markup (HTML, SVG or script), which can't be shared.",
        lambda w: (_fields(lambda w: w.own_post, "body", "body_html")(w), _attachments(w)),
    ),
    "communities:post_report": Bad(
        "communities:post_report",
        _in_cop(lambda w: w.other_post),
        {"reason": ""},
        REQUIRED,
        _count(Report),
    ),
    "communities:report_resolve": Bad(
        "communities:report_resolve",
        _in_cop(lambda w: w.report),
        {"decision": "maybe"},
        "Choose hide or dismiss.",
        _fields(lambda w: w.report, "status"),
        status=400,
    ),
    "communities:ping_create": Bad(
        "communities:ping_create",
        _slug,
        {"question": "", "choices": "Only one"},
        REQUIRED,
        _count(Ping),
    ),
    "communities:ping": Bad(
        "communities:ping",
        _in_cop(lambda w: w.ping),
        {"choice": "Sunday"},
        "Select a valid choice.",
        _count(PingAnswer),
    ),
    "communities:ping_answer": Bad(
        "communities:ping_answer",
        lambda w: {"token": _text_answer_token(w)},
        {"text": ""},
        REQUIRED,
        _count(PingAnswer),
    ),
    "meetings:create": Bad(
        "meetings:create",
        _slug,
        {
            "title": "Check-in",
            "start_date": "2030-01-02",
            "start_time": "10:00",
            "end_time": "09:00",
            "time_zone": "America/Chicago",
            "format": "in_person",
            "place": "Room 4",
            "recurrence": "none",
        },
        "The end must be after the start.",
        _count(Meeting),
    ),
    "meetings:edit": Bad(
        "meetings:edit",
        _in_cop(_meeting),
        {"title": ""},
        REQUIRED,
        _fields(_meeting, "title", "sequence"),
    ),
    "meetings:move": Bad(
        "meetings:move",
        _occurrence,
        {"date": "2030-01-02", "start_time": "10:00", "end_time": "09:00"},
        "The end must be after the start.",
        _count(OccurrenceChange),
    ),
    "meetings:rsvp": Bad(
        "meetings:rsvp",
        _occurrence,
        {"response": "perhaps"},
        "Choose yes, no or maybe.",
        _count(Rsvp),
        status=400,
    ),
}


# --- The charter and its goals (issue 12, step 2) ---
from meetings.models import Charter, Goal, GoalNote  # noqa: E402


def _charter_goal(w: World) -> Goal:
    """The first goal of the CoP's charter, both made on first use."""
    Charter.objects.get_or_create(community=w.community)
    return Goal.objects.filter(community=w.community).first() or Goal.objects.create(
        community=w.community, position=1, title="Grow", success_measure="Ten members"
    )


FORMS |= {
    "meetings:charter_step": Bad(
        "meetings:charter_step",
        lambda w: {"slug": w.community.slug, "step": 2},
        {"goal_1_title": "Twice the members", "goal_1_measure": ""},
        "Say how the group will know this goal is met.",
        _count(Charter, Goal),
    ),
    "meetings:goal_status": Bad(
        "meetings:goal_status",
        _in_cop(_charter_goal),
        {"status": "finished"},
        "Choose not started, in progress, achieved or dropped.",
        _fields(_charter_goal, "status"),
        status=400,
    ),
    "meetings:goal_note": Bad(
        "meetings:goal_note",
        _in_cop(_charter_goal),
        lambda w: {
            "dated": (timezone.localdate() + dt.timedelta(days=2)).isoformat(),
            "body": "Soon",
        },
        "A progress note cannot be dated in the future.",
        _count(GoalNote),
    ),
}

# POST-accepting URLs of the matrix that take no form: a button whose POST carries nothing a
# person typed or chose, so there is no bad input to refuse (their refusals are tested where
# they live).
NO_FORM = {
    "communities:join": "a button: joining an open CoP",
    "communities:leave": "a button: leaving (the last facilitator is refused, 409-style page)",
    "communities:member_remove": "a button: removing a member",
    "communities:member_import_retry": "a button: retrying a failed import",
    "communities:notifications_mark_read": "a button: marking all read",
    "communities:thread_follow": "a button: follow or unfollow",
    "communities:thread_accept": "a button: accepting an answer (refusals: test_discussions)",
    "communities:thread_archive": "a button: archive or reopen",
    "communities:post_delete": "a button: deleting a reply",
    "communities:post_helpful": "a button: marking helpful",
    "meetings:cancel": "a button after a confirmation page: cancelling one occurrence",
    "meetings:calendar_regenerate": "a button after a confirmation page: new feed links",
    "meetings:nudge": "a button after a confirmation page: reminding who has not answered",
}


def _posting_urls() -> set[str]:
    matrix = merge(discover())
    return {name for name, spec in matrix.urls.items() if "POST" in spec.methods}


# --- What follows a meeting (issue 12, step 2) ------------------------------------------------
from meetings.models import ActionItem, AgendaItem, Attendance, OccurrenceRecord  # noqa: E402
from tests.meetings.factories import ActionItemFactory  # noqa: E402


def _past_occurrence(w: World) -> dict:
    """The first occurrence, already over, of a weekly series that began two weeks ago."""
    began = timezone.now() - dt.timedelta(days=14)
    meeting = Meeting.objects.filter(community=w.community, title="Past series").first()
    meeting = meeting or MeetingFactory(
        community=w.community, title="Past series", start_date=began.date()
    )
    first = occurrences_between(meeting, began - dt.timedelta(days=1), timezone.now())[0]
    return {"slug": w.community.slug, "pk": meeting.pk, "occurrence": first.key}


def _action_item(w: World) -> ActionItem:
    return ActionItem.objects.filter(community=w.community).first() or ActionItemFactory(
        community=w.community, owner=w.membership.user
    )


def _agenda_item(w: World) -> AgendaItem:
    meeting = _meeting(w)
    return meeting.agenda_items.first() or AgendaItem.objects.create(
        meeting=meeting, position=0, title="Goals"
    )


FORMS.update(
    {
        "meetings:attendance": Bad(
            "meetings:attendance",
            _past_occurrence,
            lambda w: {f"member-{w.membership.user.pk}": "asleep"},
            "Select a valid choice.",
            _count(Attendance),
        ),
        "meetings:minutes": Bad(
            "meetings:minutes",
            _occurrence,
            {"notes": "", "minutes": "x" * 20001},
            "at most 20000 characters",
            _count(OccurrenceRecord),
        ),
        "meetings:action_create": Bad(
            "meetings:action_create",
            _slug,
            lambda w: {"title": "Draft the survey", "owner": UserFactory().pk},
            "Choose a member of this CoP as the owner.",
            _count(ActionItem),
        ),
        "meetings:action_status": Bad(
            "meetings:action_status",
            _in_cop(_action_item),
            {"status": "finished"},
            "Choose open, in progress, done or dropped.",
            _fields(_action_item, "status", "completed_at"),
            status=400,
        ),
        "meetings:agenda_goal": Bad(
            "meetings:agenda_goal",
            lambda w: {**_in_cop(_meeting)(w), "item_pk": _agenda_item(w).pk},
            {"goal": "999999"},
            "Choose one of this CoP's open goals, or none.",
            _fields(_agenda_item, "goal_id"),
            status=400,
        ),
    }
)


# --- Program convenings (issue 12, step 3) ---
from meetings.models import Convening  # noqa: E402

FORMS["meetings:convening_create"] = Bad(
    "meetings:convening_create",
    lambda w: {"slug": w.program.slug},
    {
        "title": "Facilitators' round",
        "start_date": "2030-03-04",
        "start_time": "15:00",
        "end_time": "14:00",
        "time_zone": "America/New_York",
        "format": "virtual",
        "join_url": "https://meet.example.org/round",
    },
    "The end must be after the start.",
    _count(Convening),
)


def _convening(w: World) -> Convening:
    return Convening.objects.filter(program=w.program).first() or Convening.objects.create(
        program=w.program,
        title="Round",
        start_date=dt.date(2030, 3, 4),
        start_time=dt.time(15),
        duration=dt.timedelta(hours=1),
        time_zone="UTC",
        format="call",
    )


FORMS["meetings:convening_edit"] = Bad(
    "meetings:convening_edit",
    lambda w: {"slug": w.program.slug, "pk": _convening(w).pk},
    {
        "title": "Round",
        "start_date": "2030-03-04",
        "start_time": "15:00",
        "end_time": "16:00",
        "time_zone": "UTC",
        "format": "in_person",
    },
    "An in-person or hybrid meeting needs a place.",
    _fields(_convening, "format", "place", "sequence"),
)


# --- Convenings' answers and cancelling (issue 12, step 3) ---
from meetings.models import ConveningRsvp  # noqa: E402

FORMS["meetings:convening_rsvp"] = Bad(
    "meetings:convening_rsvp",
    lambda w: {"slug": w.program.slug, "pk": _convening(w).pk},
    {"response": "perhaps"},
    "Choose yes, no or maybe.",
    _count(ConveningRsvp),
    status=400,
)
NO_FORM["meetings:convening_cancel"] = "a button after a confirmation page: cancelling a convening"


# --- Check-ins (issue 14, step 1) ---
from oversight.models import CheckIn, CheckInPlan, StatusUpdate  # noqa: E402


def _provided(w: World) -> dict:
    """The world's leader is also its CoP's TTA provider, who records check-ins."""
    Community.objects.filter(pk=w.community.pk).update(provider=w.leader)
    return _slug(w)


FORMS |= {
    "oversight:checkin_record": Bad(
        "oversight:checkin_record",
        _provided,
        {"held_on": "2025-01-02", "status": "fine"},
        "Select a valid choice.",
        _count(CheckIn, CheckInPlan),
    ),
    "oversight:status_update": Bad(
        "oversight:status_update",
        _slug,
        {"status": "great"},
        "Select a valid choice.",
        _count(StatusUpdate, CheckInPlan),
    ),
    "oversight:checkin_cadence": Bad(
        "oversight:checkin_cadence",
        _slug,
        {"cadence_days": "3"},
        "Select a valid choice.",
        _count(CheckInPlan),
    ),
}

# --- The toolkit (issue 13, step 2) ---
from toolkit.models import FeaturedResource, Resource  # noqa: E402


def _resource(w: World) -> Resource:
    """A resource of the CoP with a discussion prompt."""
    return Resource.objects.filter(community=w.community).first() or Resource.objects.create(
        community=w.community,
        kind="link",
        title="Guide",
        url="https://example.org/guide",
        prompt="What did you try?",
    )


def _program_resource(w: World) -> Resource:
    return Resource.objects.filter(program=w.program).first() or Resource.objects.create(
        program=w.program, kind="tool", title="Checklist", url="https://example.org/list"
    )


SCRIPT_LINK = {"kind": "link", "title": "Guide", "url": "javascript:alert(document.cookie)"}
LINK_MESSAGE = "Links must start with http:// or https://."
FORMS |= {
    "toolkit:create": Bad("toolkit:create", _slug, SCRIPT_LINK, LINK_MESSAGE, _count(Resource)),
    "toolkit:edit": Bad(
        "toolkit:edit",
        _in_cop(_resource),
        {"kind": "link", "title": "", "url": "https://example.org/guide"},
        REQUIRED,
        _fields(_resource, "title"),
    ),
    "toolkit:feature": Bad(
        "toolkit:feature",
        _in_cop(_resource),
        {"featured": "maybe"},
        "Choose to feature or un-feature the resource.",
        _count(FeaturedResource),
        status=400,
    ),
    "toolkit:discuss": Bad(
        "toolkit:discuss", _in_cop(_resource), {"body": ""}, REQUIRED, _count(Thread)
    ),
    "toolkit:program_create": Bad(
        "toolkit:program_create",
        lambda w: {"slug": w.program.slug},
        SCRIPT_LINK,
        LINK_MESSAGE,
        _count(Resource),
    ),
    "toolkit:program_edit": Bad(
        "toolkit:program_edit",
        lambda w: {"slug": w.program.slug, "pk": _program_resource(w).pk},
        {"kind": "tool", "title": "Checklist", "url": "javascript:alert(1)"},
        LINK_MESSAGE,
        _fields(_program_resource, "url"),
    ),
}
NO_FORM |= {
    "toolkit:retire": "a button after a confirmation page: retiring a resource",
    "toolkit:program_retire": "a button after a confirmation page: retiring a program resource",
    "toolkit:use": "a button: saying one used a resource (once per member: test_pages)",
    "toolkit:restore": "a button: bringing a retired resource back",
    "toolkit:program_restore": "a button: bringing a retired program resource back",
}


# --- Evaluations (issue 14, step 2) ---
from oversight.evaluations import schedule_evaluation, survey_token  # noqa: E402
from oversight.models import (  # noqa: E402  # noqa: E402
    Answer,
    Evaluation,
    Responded,
    SurveyQuestion,
    SurveyResponse,
    SurveyTemplate,
)
from oversight.surveys import add_question, create_template, default_template  # noqa: E402

ONE_CHOICE = {"add": "1", "text": "Pick", "kind": "single", "choices": "Only one"}
CLOSES_FIRST = {"title": "Spring", "opens_on": "2099-01-10", "closes_on": "2099-01-01"}


def _own_templates(_w: World) -> int:
    # The default template is made on first need, by any page that lists templates.
    return SurveyTemplate.objects.filter(is_default=False).count()


def _cop_template(w: World) -> dict:
    return {"slug": w.community.slug, "pk": create_template(name="T", community=w.community).pk}


def _program_template(w: World) -> dict:
    return {"slug": w.program.slug, "pk": create_template(name="T", program=w.program).pk}


def _open_evaluation(w: World) -> Evaluation:
    """One open anonymous evaluation with a Likert question, made once per world (the data
    is read before the URL)."""
    if not hasattr(w, "evaluation"):
        template = create_template(name="T", community=w.community)
        add_question(template=template, kind="likert", text="Worth it?")
        today = timezone.localdate()
        (w.evaluation,) = schedule_evaluation(
            actor=w.leader,
            template=template,
            title="Spring",
            opens_on=today,
            closes_on=today,
            anonymous=True,
            communities=[w.community],
        )
    return w.evaluation


def _survey(w: World) -> dict:
    return {"token": survey_token(evaluation=_open_evaluation(w), person=w.leader)}


def _likert_seven(w: World) -> dict:
    question = _open_evaluation(w).questions_from.questions.get()
    return {f"q{question.pk}": "7"}


def _schedule(w: World) -> dict:
    return CLOSES_FIRST | {"template": default_template().pk}


FORMS |= {
    "oversight:cop_survey_templates": Bad(
        "oversight:cop_survey_templates", _slug, {"name": ""}, REQUIRED, _own_templates
    ),
    "oversight:program_survey_templates": Bad(
        "oversight:program_survey_templates",
        lambda w: {"slug": w.program.slug},
        {"name": ""},
        REQUIRED,
        _own_templates,
    ),
    "oversight:cop_survey_template": Bad(
        "oversight:cop_survey_template",
        _cop_template,
        ONE_CHOICE,
        "Give at least two choices",
        _count(SurveyQuestion),
    ),
    "oversight:program_survey_template": Bad(
        "oversight:program_survey_template",
        _program_template,
        ONE_CHOICE,
        "Give at least two choices",
        _count(SurveyQuestion),
    ),
    "oversight:cop_evaluation_schedule": Bad(
        "oversight:cop_evaluation_schedule",
        _slug,
        _schedule,
        "The survey must close on or after it opens.",
        _count(Evaluation),
    ),
    "oversight:program_evaluations": Bad(
        "oversight:program_evaluations",
        lambda w: {"slug": w.program.slug},
        _schedule,
        "The survey must close on or after it opens.",
        _count(Evaluation),
    ),
    "oversight:survey": Bad(
        "oversight:survey",
        _survey,
        _likert_seven,
        "Select a valid choice. 7 is not one of the available choices.",
        _count(SurveyResponse, Answer, Responded),
    ),
}
NO_FORM |= {
    "oversight:cop_survey_question_delete": "a button after a confirm(): removing a question",
    "oversight:program_survey_question_delete": "a button after a confirm(): removing a question",
    "oversight:evaluation_remind": "a button after a confirmation page: reminding non-respondents",
    "oversight:program_evaluation_remind": "a button after a confirmation page: the same, program",
    "oversight:cop_dashboard_refresh": "a button: queue a refresh of the CoP's figures",
    "oversight:program_dashboard_refresh": "a button: queue a refresh of the program's figures",
}


# --- Knowledge capture and brokering (issue 13, step 3) ---
from toolkit.models import KnowledgeEntry, ProgramSharing, SharedItem  # noqa: E402


def _entry(w: World) -> KnowledgeEntry:
    return KnowledgeEntry.objects.filter(community=w.community).first() or (
        KnowledgeEntry.objects.create(
            community=w.community,
            kind="lesson",
            title="Check in",
            body="It helps.",
            author=w.leader,
        )
    )


FORMS |= {
    "toolkit:knowledge_create": Bad(
        "toolkit:knowledge_create",
        _slug,
        {"kind": "lesson", "title": "", "body": "x"},
        REQUIRED,
        _count(KnowledgeEntry),
    ),
    "toolkit:knowledge_edit": Bad(
        "toolkit:knowledge_edit",
        _in_cop(_entry),
        {"kind": "lesson", "title": "", "body": "x"},
        REQUIRED,
        _fields(_entry, "title", "body"),
    ),
    "toolkit:knowledge_publish": Bad(
        "toolkit:knowledge_publish",
        _in_cop(_entry),
        {"published": "maybe"},
        "Choose to publish or unpublish the entry.",
        _fields(_entry, "published_at"),
        status=400,
    ),
    "toolkit:knowledge_sharing": Bad(
        "toolkit:knowledge_sharing",
        _slug,
        {"share": "maybe"},
        "Choose whether to publish the CoP",
        _count(ProgramSharing),
        status=400,
    ),
    "toolkit:broker_resource": Bad(
        "toolkit:broker_resource", _in_cop(_resource), {"target": ""}, REQUIRED, _count(SharedItem)
    ),
    "toolkit:broker_thread": Bad(
        "toolkit:broker_thread",
        _in_cop(lambda w: w.thread),
        {"target": ""},
        REQUIRED,
        _count(SharedItem),
    ),
}


# The walk comes last: `parametrize` reads FORMS when the module is collected, so every app's
# entries above must already be in it.
def test_every_form_is_walked():
    posting = _posting_urls()
    assert sorted(posting - FORMS.keys() - NO_FORM.keys()) == [], (
        "A URL accepts POST but no bad submission of it is tried here: add it to FORMS "
        "(or, if it takes no form, to NO_FORM with the reason)."
    )
    assert sorted((FORMS.keys() | NO_FORM.keys()) - posting) == []


@pytest.mark.parametrize("name", sorted(FORMS))
def test_bad_input_answers_4xx_with_its_message_and_changes_nothing(client, world, name):
    bad = FORMS[name]
    data = bad.data(world) if callable(bad.data) else bad.data
    before = bad.unchanged(world)
    client.force_login(world.leader)

    response = client.post(reverse(bad.url, kwargs=bad.kwargs(world)), data)

    assert response.status_code == bad.status, response.content.decode()[:2000]
    page = response.content.decode()
    if bad.status == 422 and "refused" not in response.templates[0].name:
        # The form is shown again with its messages beside the fields.
        assert "invalid-feedback" in page or "alert-danger" in page
    # The page shows the message escaped, as every text of ours is (an apostrophe is &#x27;).
    assert escape(bad.message) in page
    assert bad.unchanged(world) == before


def test_htmx_swaps_a_422_and_keeps_its_defaults_for_the_rest(client, world):
    """htmx 2 swaps no 4xx by default; the page's htmx config adds 422 before the 4xx rule."""
    client.force_login(world.leader)
    page = client.get(reverse("home")).content.decode()
    config = json.loads(re.search(r"name=\"htmx-config\" content='([^']*)'", page)[1])
    source = (Path(settings.BASE_DIR) / "static/vendor/htmx/htmx.min.js").read_text()
    start = source.index("responseHandling:[") + len("responseHandling:")
    literal = source[start : source.index("}]", start) + 2]  # a list of flat objects
    defaults = json.loads(re.sub(r"(\w+):", r'"\1":', literal))

    rules = config["responseHandling"]
    assert config["includeIndicatorStyles"] is False
    assert {"code": "422", "swap": True, "error": False} in rules
    first_422 = next(i for i, rule in enumerate(rules) if re.fullmatch(rule["code"], "422"))
    assert rules[first_422] == {"code": "422", "swap": True, "error": False}
    assert [rule for rule in rules if rule["code"] != "422"] == defaults


def test_a_preview_of_a_valid_thread_is_no_error(client, world):
    client.force_login(world.leader)
    url = reverse("communities:thread_create", args=[world.community.slug])
    data = {"kind": "question", "title": "Shall we?", "body": "**Yes**", "preview": "1"}

    response = client.post(url, data)

    assert response.status_code == 200
    assert "<strong>Yes</strong>" in response.content.decode()
    assert not Thread.objects.filter(title="Shall we?").exists()
