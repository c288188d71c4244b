"""Communities' part of the permission matrix: programs, CoPs, membership, discussions, pings,
profiles and notifications. The runner is `tests/test_permission_matrix.py`."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from communities.discussions.ping_links import answer_token
from communities.models import Attachment, JoinRequest, MemberImport, Ping, Report, Role
from communities.notifications.sender import notify
from cop_platform.uploads import check_upload, store_upload
from tests.factories import MembershipFactory, PostFactory, ThreadFactory, UserFactory
from tests.matrix import SIGNED_IN, AppMatrix, Spec

# URLs with rules of their own, tested where those rules live.
EXCLUDED = {
    "admin": "Django admin: staff only, Django's own permission checks",
    "account_": "allauth: accounts (tests/communities/test_accounts.py)",
    "communities:unsubscribe": "signed token, no login (tests/communities/test_notifications.py)",
    "communities:invitation": "emailed token (tests/communities/test_invitations.py)",
    "communities:ping_link": "signed emailed link (tests/communities/test_ping_links.py)",
}

# In discussions, members read, post, reply, follow, react and report; moderators (and
# facilitators) moderate and accept answers. The "member" persona wrote the target thread and
# reply: it edits them and accepts the answer, and cannot react to or report its own reply.
DISCUSSING = {
    "discussion.read",
    "thread.create",
    "thread.reply",
    "thread.follow",
    "post.react",
    "post.report",
    "ping.read",
    "ping.answer",
}
MODERATING = {"thread.moderate", "thread.accept_answer"}
MEMBER = {"community.view", "community.view_members", "community.leave"} | DISCUSSING
OVERSEER = {"community.view", "community.view_members"}
AUTHOR = {"post.edit", "thread.accept_answer"}
# What each persona may do in a CoP where it holds that relation (SPEC §1).
CAPABILITIES = {
    "member": (MEMBER | AUTHOR) - {"post.react", "post.report"},
    Role.FACILITATOR: MEMBER
    | MODERATING
    | {
        "community.edit",
        "community.change_stage",
        "community.manage_roles",
        "community.manage_members",
        "community.invite",
        "community.preassign",
        "thread.archive",
        "ping.create",
    },
    # The world's CoPs belong to a program, where managers and its leaders pre-assign (SPEC §2).
    Role.MEMBERSHIP_MANAGER: MEMBER
    | {"community.manage_members", "community.invite", "community.preassign"},
    Role.DISCUSSION_MODERATOR: MEMBER | MODERATING,
    Role.KNOWLEDGE_EDITOR: MEMBER,
    Role.ARCHIVIST: MEMBER | {"thread.archive"},
    Role.USAGE_ANALYST: MEMBER,
    Role.KNOWLEDGE_BROKER: MEMBER,
    "provider": OVERSEER,
    "program_leader": OVERSEER | {"community.invite", "community.preassign"},
    "outsider": set(),
    "staff": set(),  # site staff have no powers inside a CoP
    "anonymous": set(),
}

# Anyone signed in may start a CoP and look at a program; only TTA leaders (marked by staff)
# create programs, and only a program's leaders edit it.
SITE_CAPABILITIES = {persona: {"community.create"} for persona in SIGNED_IN} | {
    "program_leader": {"community.create", "program.create"}
}
PROGRAM_CAPABILITIES = {persona: {"program.view"} for persona in SIGNED_IN} | {
    "program_leader": {"program.view", "program.edit"}
}

URLS = {
    "home": Spec(None, scope="site", login=False),
    "communities:directory": Spec(None, scope="site", login=False),
    "search": Spec(None, scope="site"),
    "communities:create": Spec("community.create", ("GET", "POST"), scope="site"),
    "communities:profile": Spec(None, scope="person"),
    "communities:profile_edit": Spec(None, ("GET", "POST"), scope="self"),
    "communities:notification_settings": Spec(None, ("GET", "POST"), scope="self"),
    "communities:account_delete": Spec(None, ("GET", "POST"), scope="self"),
    "communities:notifications": Spec(None, scope="site"),
    "communities:notifications_mark_read": Spec(None, ("POST",), scope="site"),
    "communities:notification_open": Spec(None, scope="self", target="notification"),
    "communities:program_list": Spec(None, scope="site"),
    "communities:program_create": Spec("program.create", ("GET", "POST"), scope="site"),
    "communities:program_detail": Spec("program.view", scope="program"),
    "communities:program_edit": Spec("program.edit", ("GET", "POST"), scope="program"),
    "communities:program_add_community": Spec("program.edit", ("POST",), scope="program"),
    "communities:program_add_leader": Spec("program.edit", ("POST",), scope="program"),
    "communities:program_assign_provider": Spec(
        "program.edit", ("POST",), scope="program", target="community_slug"
    ),
    # Threads new to the viewer, from their own CoPs only (tests/communities/test_unread.py
    # checks every persona sees the private CoP's thread there only if a member of it).
    "communities:unread_threads": Spec(None, scope="site"),
    "communities:threads": Spec("discussion.read"),
    "communities:thread_create": Spec("thread.create", ("GET", "POST")),
    "communities:thread": Spec("discussion.read", target="thread"),
    "communities:thread_reply": Spec(
        "thread.reply", ("POST",), data={"body": "hi"}, target="thread"
    ),
    "communities:thread_edit": Spec("post.edit", ("GET", "POST"), target="thread"),
    "communities:thread_follow": Spec("thread.follow", ("POST",), target="thread"),
    "communities:thread_moderate": Spec(
        "thread.moderate", ("POST",), data={"action": "pin"}, target="thread"
    ),
    "communities:thread_accept": Spec(
        "thread.accept_answer", ("POST",), target={"pk": "thread", "post_pk": "post"}
    ),
    "communities:post_edit": Spec("post.edit", ("GET", "POST"), target="post"),
    "communities:post_delete": Spec("post.edit", ("POST",), target="post"),
    "communities:post_delete_confirm": Spec("post.edit", target="post"),
    "communities:post_helpful": Spec("post.react", ("POST",), target="post"),
    "communities:post_moderate": Spec(
        "thread.moderate", ("POST",), data={"action": "hide"}, target="post"
    ),
    "communities:post_report": Spec(
        "post.report", ("GET", "POST"), data={"reason": "spam"}, target="post"
    ),
    # A post's file (a private CoP's is not found by those who cannot read it; a hidden or
    # deleted post's: tests/communities/test_post_attachments.py).
    "communities:attachment": Spec("discussion.read", target="attachment"),
    "communities:moderation": Spec("thread.moderate"),
    # Lists only the CoPs the viewer moderates (tests/communities/test_moderation_queue.py).
    "communities:report_overview": Spec(None, scope="site"),
    "communities:report_resolve": Spec(
        "thread.moderate", ("POST",), data={"decision": "dismiss"}, target="report"
    ),
    "communities:thread_archive": Spec(
        "thread.archive", ("POST",), data={"archive": "1"}, target="thread"
    ),
    "communities:pings": Spec("ping.read"),
    "communities:ping_create": Spec("ping.create", ("GET", "POST")),
    "communities:ping": Spec("ping.read", ("GET", "POST"), target="ping"),
    # A one-click answer from a ping email: signed for one member, it answers for them whoever
    # opens it (the rest of its rules: tests/communities/test_ping_answer_links.py).
    "communities:ping_answer": Spec(
        None, ("GET", "POST"), scope="token", target={"token": "answer_token"}
    ),
    "communities:detail": Spec("community.view", login=False),
    "communities:edit": Spec("community.edit", ("GET", "POST")),
    "communities:stage": Spec("community.change_stage", ("POST",), data={"stage": "active"}),
    "communities:join": Spec("community.join", ("POST",)),
    "communities:request": Spec("community.request_to_join", ("GET", "POST")),
    "communities:leave": Spec("community.leave", ("POST",)),
    "communities:leave_confirm": Spec("community.leave"),
    "communities:members": Spec("community.view_members"),
    "communities:member_roles": Spec(
        "community.manage_roles", ("POST",), data={"roles": ["archivist"]}, target="membership"
    ),
    "communities:member_remove": Spec("community.manage_members", ("POST",), target="membership"),
    "communities:member_remove_confirm": Spec("community.manage_members", target="membership"),
    "communities:join_requests": Spec("community.manage_members"),
    "communities:invite": Spec(
        "community.invite", ("GET", "POST"), data={"emails": "x@example.org", "mode": "invite"}
    ),
    "communities:member_import": Spec("community.invite", target="member_import"),
    "communities:member_import_retry": Spec("community.invite", ("POST",), target="member_import"),
    "communities:join_request_decide": Spec(
        "community.manage_members", ("POST",), data={"decision": "approve"}, target="join_request"
    ),
}


def stored_attachment(post) -> Attachment:
    upload = SimpleUploadedFile("notes.txt", b"Notes from the meeting.")
    return Attachment.objects.create(
        thread=post.thread,
        post=post,
        storage_name=store_upload(check_upload(upload), folder="discussions"),
        name="notes.txt",
        content_type="text/plain",
        size=upload.size,
    )


def build_targets(community, people) -> dict[str, int]:
    """Communities' objects in one CoP; the "member" persona wrote the thread and its reply."""
    membership = MembershipFactory(community=community)
    request = JoinRequest.objects.create(community=community, user=UserFactory())
    member_import = MemberImport.objects.create(community=community, mode="invite")
    thread = ThreadFactory(community=community, author=people["member"])
    post = PostFactory(thread=thread, author=people["member"])
    report = Report.objects.create(post=post, reporter=UserFactory(), reason="spam")
    attachment = stored_attachment(post)
    ping = Ping.objects.create(
        community=community,
        question="How are you?",
        choices=["Fine", "Busy"],
        closes_at=timezone.now() + dt.timedelta(days=2),
    )
    return {
        "answer_token": answer_token(ping=ping, member=people["member"], choice="Busy"),
        "ping": ping.pk,
        "report": report.pk,
        "thread": thread.pk,
        "post": post.pk,
        "attachment": attachment.pk,
        "membership": membership.pk,
        "join_request": request.pk,
        "member_import": member_import.pk,
    }


def personal_targets(owner) -> dict[str, int]:
    # Built inside the test's transaction: a notification records (and may send) mail.
    notification = notify(
        to=owner, kind="reply", key=f"matrix:{owner.pk}", context={"title": "Hi"}, url="/"
    )
    return {"notification": notification.pk}


MATRIX = AppMatrix(
    urls=URLS,
    excluded=EXCLUDED,
    capabilities=CAPABILITIES,
    public_to_anyone={"community.view"},
    public_to_signed_in={"discussion.read"},
    site_capabilities=SITE_CAPABILITIES,
    program_capabilities=PROGRAM_CAPABILITIES,
    build_targets=build_targets,
    personal_targets=personal_targets,
)
