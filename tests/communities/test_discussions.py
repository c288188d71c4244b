import pytest
from django.urls import reverse

from communities.discussions.selectors import REPLIES_PAGE_SIZE
from communities.models import (
    Attachment,
    Notification,
    Post,
    Reaction,
    Report,
    Role,
    Thread,
    ThreadFollow,
)
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MembershipFactory()


def thread_in(membership, **kwargs):
    return ThreadFactory(community=membership.community, **kwargs)


def test_a_member_starts_a_thread_and_follows_it(client, member):
    client.force_login(member.user)

    response = client.post(
        reverse("communities:thread_create", args=[member.community.slug]),
        {"kind": "question", "title": "Intake forms?", "body": "What do you **use**?", "post": "1"},
        follow=True,
    )

    thread = Thread.objects.get()
    assert "<strong>use</strong>" in thread.body_html
    assert ThreadFollow.objects.filter(thread=thread, user=member.user).exists()
    assert response.redirect_chain[-1][0] == thread.get_absolute_url()


def test_preview_renders_without_posting(client, member):
    client.force_login(member.user)

    response = client.post(
        reverse("communities:thread_create", args=[member.community.slug]),
        {"kind": "general", "title": "Hi", "body": "*soft*", "preview": "1"},
    )

    assert "<em>soft</em>" in response.content.decode()
    assert not Thread.objects.exists()


def test_only_facilitators_post_announcements(client, member):
    client.force_login(member.user)

    response = client.post(
        reverse("communities:thread_create", args=[member.community.slug]),
        {"kind": "announcement", "title": "News", "body": "x", "post": "1"},
    )

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert not Thread.objects.exists()


def test_an_announcement_is_emailed_to_every_member(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    others = MembershipFactory.create_batch(3, community=facilitator.community)
    client.force_login(facilitator.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:thread_create", args=[facilitator.community.slug]),
            {"kind": "announcement", "title": "Meeting moved", "body": "Thursday.", "post": "1"},
        )

    assert sorted(m.to[0] for m in mailoutbox) == sorted(o.user.email for o in others)


def test_followers_are_notified_of_replies_and_mentions_link_to_members(
    client, member, mailoutbox, django_capture_on_commit_callbacks
):
    thread = thread_in(member, author=member.user)
    ThreadFollow.objects.create(thread=thread, user=member.user)
    replier = MembershipFactory(community=member.community)
    mentioned = MembershipFactory(community=member.community, user=UserFactory(handle="riley"))
    client.force_login(replier.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:thread_reply", args=[member.community.slug, thread.pk]),
            {"body": "Try this, @riley knows more."},
        )

    post = Post.objects.get()
    assert '<a href="/people/riley/"' in post.body_html
    assert sorted(m.to[0] for m in mailoutbox) == sorted([member.user.email, mentioned.user.email])
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_a_locked_thread_refuses_replies(client, member):
    thread = thread_in(member, is_locked=True)
    client.force_login(member.user)

    response = client.post(
        reverse("communities:thread_reply", args=[member.community.slug, thread.pk]),
        {"body": "Late reply"},
    )

    assert response.status_code == 409
    assert "locked" in response.content.decode()
    assert not Post.objects.exists()


def test_a_reply_over_the_size_limit_is_explained(client, member):
    thread = thread_in(member)
    client.force_login(member.user)

    response = client.post(
        reverse("communities:thread_reply", args=[member.community.slug, thread.pk]),
        {"body": "x" * 50_001},
    )

    assert response.status_code == 422
    assert "at most 50000 characters" in response.content.decode()
    assert not Post.objects.exists()


def test_non_members_cannot_post(client):
    community = CommunityFactory()
    thread = ThreadFactory(community=community)
    client.force_login(UserFactory())

    response = client.post(
        reverse("communities:thread_reply", args=[community.slug, thread.pk]), {"body": "hi"}
    )

    assert response.status_code == 403
    assert not Post.objects.exists()


def test_the_asker_accepts_an_answer_which_is_shown_first(client, member):
    thread = thread_in(member, author=member.user)
    first = PostFactory(thread=thread, body_html="<p>First reply</p>")
    answer = PostFactory(thread=thread, body_html="<p>The answer</p>")
    client.force_login(member.user)

    client.post(
        reverse("communities:thread_accept", args=[member.community.slug, thread.pk, answer.pk])
    )

    thread.refresh_from_db()
    assert thread.accepted_answer == answer
    html = client.get(thread.get_absolute_url()).content.decode()
    assert html.index("The answer") < html.index("First reply")
    # The badge sits on the answer's card, not on the other reply's.
    badge = html.index("Accepted answer</span>")
    assert html.index(f'id="post-{answer.pk}"') < badge < html.index(f'id="post-{first.pk}"')


def test_accepting_an_answer_on_a_non_question_is_refused(client, member):
    thread = thread_in(member, author=member.user, kind="general")
    post = PostFactory(thread=thread)
    client.force_login(member.user)

    response = client.post(
        reverse("communities:thread_accept", args=[member.community.slug, thread.pk, post.pk])
    )

    assert response.status_code == 400
    assert "Only a question" in response.content.decode()
    thread.refresh_from_db()
    assert thread.accepted_answer is None


def test_helpful_toggles_in_place_with_htmx(client, member):
    post = PostFactory(thread=thread_in(member))
    client.force_login(member.user)
    url = reverse("communities:post_helpful", args=[member.community.slug, post.pk])

    on = client.post(url, headers={"HX-Request": "true"})
    off = client.post(url, headers={"HX-Request": "true"})

    assert 'aria-pressed="true"' in on.content.decode()
    assert "<html" not in on.content.decode()
    assert 'aria-pressed="false"' in off.content.decode()
    assert not Reaction.objects.exists()
    post.refresh_from_db()
    assert post.helpful_count == 0


def test_authors_edit_and_soft_delete_their_replies(client, member):
    post = PostFactory(thread=thread_in(member), author=member.user)
    client.force_login(member.user)

    client.post(
        reverse("communities:post_edit", args=[member.community.slug, post.pk]),
        {"body": "Better *words*"},
    )
    post.refresh_from_db()
    assert post.edited_at and "<em>words</em>" in post.body_html

    client.post(reverse("communities:post_delete", args=[member.community.slug, post.pk]))
    html = client.get(post.thread.get_absolute_url()).content.decode()
    assert "This reply was deleted by its author." in html
    assert "Better" not in html


def test_an_edit_that_empties_the_title_or_the_body_is_refused_and_changes_nothing(client, member):
    thread = thread_in(member, author=member.user)
    post = PostFactory(thread=thread, author=member.user)
    client.force_login(member.user)
    slug = member.community.slug

    emptied_title = client.post(
        reverse("communities:thread_edit", args=[slug, thread.pk]),
        {"title": "", "body": "Rewritten"},
    )
    emptied_body = client.post(reverse("communities:post_edit", args=[slug, post.pk]), {"body": ""})

    for response in (emptied_title, emptied_body):
        assert response.status_code == 422
        assert "This field is required." in response.content.decode()
    thread.refresh_from_db()
    post.refresh_from_db()
    assert thread.title != "" and thread.edited_at is None
    assert (post.body, post.edited_at) == ("Here is what worked for us.", None)


def test_others_cannot_edit_a_reply(client, member):
    post = PostFactory(thread=thread_in(member))
    client.force_login(member.user)

    response = client.post(
        reverse("communities:post_edit", args=[member.community.slug, post.pk]), {"body": "mine"}
    )

    assert response.status_code == 403
    post.refresh_from_db()
    assert (post.body, post.edited_at) == ("Here is what worked for us.", None)


def test_hidden_replies_are_seen_only_by_moderators(client, member):
    moderator = MembershipFactory(community=member.community, roles=[Role.DISCUSSION_MODERATOR])
    post = PostFactory(thread=thread_in(member), body_html="<p>Off-topic rant</p>")
    client.force_login(moderator.user)
    client.post(
        reverse("communities:post_moderate", args=[member.community.slug, post.pk]),
        {"action": "hide", "reason": "off topic"},
    )

    as_moderator = client.get(post.thread.get_absolute_url()).content.decode()
    client.force_login(member.user)
    as_member = client.get(post.thread.get_absolute_url()).content.decode()

    assert "Off-topic rant" in as_moderator
    assert "off topic" in as_moderator
    assert "Off-topic rant" not in as_member
    assert "hidden by a moderator" in as_member


def test_members_cannot_moderate(client, member):
    thread = thread_in(member)

    client.force_login(member.user)
    response = client.post(
        reverse("communities:thread_moderate", args=[member.community.slug, thread.pk]),
        {"action": "pin"},
    )

    assert response.status_code == 403
    thread.refresh_from_db()
    assert not thread.is_pinned


def test_pinned_threads_come_first_and_filters_work(client, member):
    thread_in(member, title="Old pinned", is_pinned=True)
    thread_in(member, title="Answered question")
    thread_in(member, title="A case", kind="case_study")
    client.force_login(member.user)
    url = reverse("communities:threads", args=[member.community.slug])

    listing = client.get(url).content.decode()
    cases = client.get(url, {"kind": "case_study"}).content.decode()
    unanswered = client.get(url, {"show": "unanswered"}).content.decode()

    assert listing.index("Old pinned") < listing.index("A case")
    assert "A case" in cases and "Old pinned" not in cases
    assert "Answered question" in unanswered and "A case" not in unanswered


@pytest.mark.parametrize("rows", [3, 30])
def test_thread_list_and_thread_page_queries_stay_flat(
    rows, client, member, django_assert_max_num_queries
):
    threads = [thread_in(member) for _ in range(rows)]
    # Every reply and the opening post carry a file: the page lists them all from one query.
    attached = [attachment_on(threads[0], None, "opening")]
    for number in range(rows):
        attached.append(attachment_on(threads[0], PostFactory(thread=threads[0]), number))
    client.force_login(member.user)

    # Each page's budget includes the nav's one count of open reports (communities/navigation.py);
    # the thread page's also its one upsert of the reader's read mark.
    with django_assert_max_num_queries(9):
        client.get(reverse("communities:threads", args=[member.community.slug]))
    with django_assert_max_num_queries(12):
        page = client.get(threads[0].get_absolute_url()).content.decode()
    shown = attached[: 1 + REPLIES_PAGE_SIZE]  # the opening post's and the first page's replies
    assert [name for name in shown if name not in page] == []


def attachment_on(thread, post, number) -> str:
    name = f"file-{number}.pdf"
    Attachment.objects.create(
        thread=thread,
        post=post,
        storage_name=f"discussions/{name}",
        name=name,
        content_type="application/pdf",
        size=100,
    )
    return name


def test_replies_notify_in_app_too(client, member, django_capture_on_commit_callbacks):
    thread = thread_in(member, author=member.user)
    ThreadFollow.objects.create(thread=thread, user=member.user)
    replier = MembershipFactory(community=member.community)
    client.force_login(replier.user)

    # Followers are told by the fan-out that runs after commit.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:thread_reply", args=[member.community.slug, thread.pk]),
            {"body": "An answer"},
        )

    assert Notification.objects.filter(recipient=member.user, kind="reply").exists()


def test_a_reported_reply_reaches_the_queue_and_hiding_resolves_it(client, member):
    moderator = MembershipFactory(community=member.community, roles=[Role.DISCUSSION_MODERATOR])
    post = PostFactory(thread=thread_in(member), body_html="<p>Buy cheap pills</p>")
    client.force_login(member.user)
    client.post(
        reverse("communities:post_report", args=[member.community.slug, post.pk]),
        {"reason": "spam"},
    )
    client.post(  # reporting twice records one report
        reverse("communities:post_report", args=[member.community.slug, post.pk]),
        {"reason": "spam again"},
    )
    report = Report.objects.get()

    client.force_login(moderator.user)
    queue = client.get(reverse("communities:moderation", args=[member.community.slug]))
    client.post(
        reverse("communities:report_resolve", args=[member.community.slug, report.pk]),
        {"decision": "hide"},
    )

    assert "spam" in queue.content.decode()
    assert "just now" in queue.content.decode()
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.is_hidden
    assert report.status == "hidden"
    empty = client.get(reverse("communities:moderation", args=[member.community.slug]))
    assert "No reports are waiting." in empty.content.decode()


def test_an_archived_thread_is_read_only_and_leaves_the_default_list(client, member):
    archivist = MembershipFactory(community=member.community, roles=[Role.ARCHIVIST])
    thread = thread_in(member, title="Old conversation")
    client.force_login(archivist.user)
    client.post(
        reverse("communities:thread_archive", args=[member.community.slug, thread.pk]),
        {"archive": "1"},
    )

    client.force_login(member.user)
    listing = client.get(reverse("communities:threads", args=[member.community.slug]))
    archived = client.get(
        reverse("communities:threads", args=[member.community.slug]), {"show": "archived"}
    )
    refused = client.post(
        reverse("communities:thread_reply", args=[member.community.slug, thread.pk]),
        {"body": "Late"},
    )

    assert "Old conversation" not in listing.content.decode()
    assert "Old conversation" in archived.content.decode()
    assert refused.status_code == 409
    assert "archived" in refused.content.decode()
    assert not Post.objects.exists()


@pytest.mark.parametrize("rows", [3, 30])
def test_moderation_queue_queries_stay_flat(rows, client, member, django_assert_max_num_queries):
    moderator = MembershipFactory(community=member.community, roles=[Role.DISCUSSION_MODERATOR])
    thread = thread_in(member)
    for _ in range(rows):
        Report.objects.create(post=PostFactory(thread=thread), reporter=UserFactory(), reason="x")
    client.force_login(moderator.user)

    # The budget includes the nav's one count of open reports (communities/navigation.py).
    with django_assert_max_num_queries(9):
        response = client.get(reverse("communities:moderation", args=[member.community.slug]))

    # A page's worth: the rest is on page 2.
    assert response.content.decode().count('value="hide"') == min(rows, 20)


def test_the_thread_page_offers_unfollow_to_followers_and_follow_to_the_others(client, member):
    thread = thread_in(member)
    ThreadFollow.objects.create(thread=thread, user=member.user)
    other = MembershipFactory(community=member.community)

    client.force_login(member.user)
    as_follower = client.get(thread.get_absolute_url()).content.decode()
    client.force_login(other.user)
    as_other = client.get(thread.get_absolute_url()).content.decode()

    assert 'name="follow" value="0"' in as_follower and "Unfollow</button>" in as_follower
    assert 'name="follow" value="1"' in as_other and "Unfollow</button>" not in as_other
