"""Destructive buttons ask first (GET asks, POST acts, no JavaScript), and the small gaps around
starting a CoP: the program preselected, the join-requests link, the stage select, the invite
link in the success message (issue 10, items 14 and 15)."""

import re

import pytest
from django.urls import reverse

from communities.models import JoinPolicy, Membership, Post, Role
from tests.communities.test_communities import cop_data
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ProgramFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def forms_posting_to(html: str, url: str) -> list[str]:
    return re.findall(rf'<form[^>]*action="{re.escape(url)}"', html)


# Item 14: confirmations


def test_the_cop_page_leads_to_the_leave_confirmation_when_a_member_leaves(client):
    membership = MembershipFactory()
    community = membership.community
    client.force_login(membership.user)

    html = client.get(community.get_absolute_url()).content.decode()

    assert not forms_posting_to(html, reverse("communities:leave", args=[community.slug]))
    confirm = reverse("communities:leave_confirm", args=[community.slug])
    assert re.search(rf'<a[^>]*href="{re.escape(confirm)}"[^>]*>Leave this community</a>', html)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_deleting_a_reply_asks_first_with_its_excerpt_when_the_author_clicks_delete(client):
    membership = MembershipFactory()
    slug = membership.community.slug
    thread = ThreadFactory(community=membership.community)
    post = PostFactory(
        thread=thread, author=membership.user, body_html="<p>Our <em>intake</em> form works.</p>"
    )
    client.force_login(membership.user)
    confirm = reverse("communities:post_delete_confirm", args=[slug, post.pk])
    delete = reverse("communities:post_delete", args=[slug, post.pk])

    thread_html = client.get(thread.get_absolute_url()).content.decode()
    assert f'href="{confirm}"' in thread_html
    assert not forms_posting_to(thread_html, delete)

    page = client.get(confirm)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Our intake form works." in html
    assert forms_posting_to(html, delete)
    post.refresh_from_db()
    assert post.deleted_at is None  # asking deletes nothing

    client.post(delete)
    post.refresh_from_db()
    assert post.deleted_at is not None


def test_the_delete_confirmation_is_refused_when_someone_else_wrote_the_reply(client):
    membership = MembershipFactory()
    post = PostFactory(thread=ThreadFactory(community=membership.community))
    client.force_login(membership.user)

    url = reverse("communities:post_delete_confirm", args=[membership.community.slug, post.pk])

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 405
    assert Post.objects.get(pk=post.pk).deleted_at is None


def test_removing_a_member_asks_first_when_a_facilitator_clicks_remove(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    community = facilitator.community
    member = MembershipFactory(community=community, user=UserFactory(name="Rae Removable"))
    client.force_login(facilitator.user)
    confirm = reverse("communities:member_remove_confirm", args=[community.slug, member.pk])
    remove = reverse("communities:member_remove", args=[community.slug, member.pk])

    list_html = client.get(reverse("communities:members", args=[community.slug])).content.decode()
    assert f'href="{confirm}"' in list_html
    assert not forms_posting_to(list_html, remove)

    page = client.get(confirm)
    assert page.status_code == 200
    assert "Remove Rae Removable from" in page.content.decode()
    assert forms_posting_to(page.content.decode(), remove)
    assert Membership.objects.filter(pk=member.pk).exists()

    client.post(remove)
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_the_swapped_helpful_button_takes_the_focus_back_when_htmx_swaps_it(client):
    # htmx 2 focuses an [autofocus] element of swapped-in content; the full page never has one.
    membership = MembershipFactory()
    post = PostFactory(thread=ThreadFactory(community=membership.community))
    client.force_login(membership.user)
    url = reverse("communities:post_helpful", args=[membership.community.slug, post.pk])

    swapped = client.post(url, headers={"HX-Request": "true"}).content.decode()
    page = client.get(post.thread.get_absolute_url()).content.decode()

    assert re.search(r'<button [^>]*\bautofocus\b[^>]*class="btn btn-sm btn-success"', swapped)
    assert "autofocus" not in page


# Item 15: starting a CoP


def test_start_a_community_in_this_program_preselects_it_when_a_leader_follows_the_link(client):
    leader = UserFactory(is_tta_leader=True)
    program = ProgramFactory(name="Rural Health 2026")
    program.leaders.add(leader)
    other = ProgramFactory(name="Other Series")
    other.leaders.add(leader)
    client.force_login(leader)

    program_html = client.get(
        reverse("communities:program_detail", args=[program.slug])
    ).content.decode()
    link = f"{reverse('communities:create')}?program={program.slug}"
    assert f'href="{link}"' in program_html

    form_html = client.get(link).content.decode()
    assert re.search(
        rf'<option value="{program.pk}" selected>Rural Health 2026</option>', form_html
    )
    assert not re.search(rf'<option value="{other.pk}" selected>', form_html)


def test_a_program_the_viewer_does_not_lead_is_not_preselected(client):
    leader = UserFactory(is_tta_leader=True)
    mine = ProgramFactory()
    mine.leaders.add(leader)
    foreign = ProgramFactory()
    client.force_login(leader)

    response = client.get(f"{reverse('communities:create')}?program={foreign.slug}")

    assert response.status_code == 200
    assert f'value="{foreign.pk}"' not in response.content.decode()
    assert not re.search(r'<option value="\d+" selected>', response.content.decode())


def test_an_invitation_only_cop_shows_no_join_requests_link(client):
    facilitator = MembershipFactory(
        community=CommunityFactory(join_policy=JoinPolicy.INVITATION), roles=[Role.FACILITATOR]
    )
    client.force_login(facilitator.user)
    requests_url = reverse("communities:join_requests", args=[facilitator.community.slug])

    html = client.get(facilitator.community.get_absolute_url()).content.decode()

    assert f'href="{requests_url}"' not in html


def test_a_cop_with_join_requests_still_links_them(client):
    facilitator = MembershipFactory(
        community=CommunityFactory(join_policy=JoinPolicy.APPROVAL), roles=[Role.FACILITATOR]
    )
    client.force_login(facilitator.user)
    requests_url = reverse("communities:join_requests", args=[facilitator.community.slug])

    html = client.get(facilitator.community.get_absolute_url()).content.decode()

    assert f'href="{requests_url}"' in html


def test_the_lifecycle_stage_select_is_styled_like_every_select(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    client.force_login(facilitator.user)

    html = client.get(facilitator.community.get_absolute_url()).content.decode()

    assert re.search(r'<select name="stage" class="form-select"', html)


def test_the_create_message_links_straight_to_inviting_members(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("communities:create"),
        cop_data(),
        follow=True,
    )

    invite = reverse("communities:invite", args=["recovery-leaders"])
    html = response.content.decode()
    alert = html.split('id="messages"')[1].split("</div>\n</div>")[0]
    assert f'<a class="alert-link" href="{invite}">Invite its first members</a>' in alert
