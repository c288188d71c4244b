"""Knowledge brokering: a broker shares a resource or a thread into another CoP of the program
where they are a member too; it shows there as "shared from", with nothing else of the source;
any other target is refused with a message, a 4xx and nothing stored."""

import pytest
from django.urls import reverse

from communities.models import Role, Stage, Visibility
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ProgramFactory,
    ThreadFactory,
)
from tests.toolkit.factories import ResourceFactory, stored_text_file
from toolkit.models import SharedItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def cops():
    program = ProgramFactory()
    source = CommunityFactory(program=program, visibility=Visibility.PRIVATE, name="Source CoP")
    target = CommunityFactory(program=program, visibility=Visibility.PRIVATE, name="Target CoP")
    return source, target


@pytest.fixture
def broker(client, cops):
    source, target = cops
    person = MembershipFactory(community=source, roles=[Role.KNOWLEDGE_BROKER]).user
    MembershipFactory(community=target, user=person)
    client.force_login(person)
    return person


def share_resource(client, source, resource, target_slug, note=""):
    url = reverse("toolkit:broker_resource", args=[source.slug, resource.pk])
    return client.post(url, {"target": target_slug, "note": note})


def test_a_broker_shares_a_resource_and_the_target_shows_it_as_shared_from(client, cops, broker):
    source, target = cops
    resource = ResourceFactory(community=source, title="Intake checklist", description="Steps.")
    ResourceFactory(community=source, title="Secret roster")

    form = client.get(reverse("toolkit:broker_resource", args=[source.slug, resource.pk]))
    assert form.status_code == 200 and "Target CoP" in form.content.decode()
    response = share_resource(client, source, resource, target.slug, note="For your intake.")

    item = SharedItem.objects.get()
    assert response.status_code == 302
    assert (item.community, item.source, item.resource, item.broker) == (
        target,
        source,
        resource,
        broker,
    )
    reader = MembershipFactory(community=target).user
    client.force_login(reader)
    toolkit = client.get(reverse("toolkit:list", args=[target.slug])).content.decode()
    assert "Intake checklist" in toolkit and "shared from Source CoP" in toolkit
    shared = client.get(reverse("toolkit:shared", args=[target.slug, item.pk])).content.decode()
    assert "Steps." in shared and "For your intake." in shared
    # The target's reader may not read the private source: no link into it, nothing else of it.
    assert resource.url_in(source) not in shared
    assert "Secret roster" not in shared and "Secret roster" not in toolkit
    assert client.get(resource.url_in(source)).status_code == 404


def test_a_reader_who_is_a_member_of_the_source_too_gets_the_link_to_it(client, cops, broker):
    source, target = cops
    resource = ResourceFactory(community=source)
    share_resource(client, source, resource, target.slug)
    item = SharedItem.objects.get()

    html = client.get(reverse("toolkit:shared", args=[target.slug, item.pk])).content.decode()

    assert resource.url_in(source) in html


def test_a_shared_resources_file_downloads_in_the_target(client, cops, broker):
    source, target = cops
    resource = ResourceFactory(community=source)
    stored_text_file(resource, text="Agenda\nShared\n")
    share_resource(client, source, resource, target.slug)
    item = SharedItem.objects.get()
    client.force_login(MembershipFactory(community=target).user)

    response = client.get(reverse("toolkit:shared_file", args=[target.slug, item.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Agenda\nShared\n"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_broker_shares_a_thread_without_its_replies(client, cops, broker):
    source, target = cops
    thread = ThreadFactory(
        community=source, title="Waitlist ideas", body_html="<p>Try a triage call.</p>"
    )
    PostFactory(thread=thread, body_html="<p>A private reply</p>")

    response = client.post(
        reverse("toolkit:broker_thread", args=[source.slug, thread.pk]), {"target": target.slug}
    )

    item = SharedItem.objects.get()
    assert response.status_code == 302 and item.thread == thread
    client.force_login(MembershipFactory(community=target).user)
    toolkit = client.get(reverse("toolkit:list", args=[target.slug])).content.decode()
    assert "Waitlist ideas" in toolkit
    html = client.get(reverse("toolkit:shared", args=[target.slug, item.pk])).content.decode()
    assert "Try a triage call." in html
    assert "private reply" not in html
    assert thread.get_absolute_url() not in html


def test_sharing_into_a_cop_outside_the_program_is_refused_and_nothing_stored(client, cops, broker):
    source, _target = cops
    outside = CommunityFactory(program=ProgramFactory())
    MembershipFactory(community=outside, user=broker)
    resource = ResourceFactory(community=source)

    response = share_resource(client, source, resource, outside.slug)

    assert response.status_code == 403
    assert "only into a CoP of the same program" in response.content.decode()
    assert not SharedItem.objects.exists()


def test_sharing_into_a_cop_the_broker_is_not_a_member_of_is_refused(client, cops, broker):
    source, _target = cops
    stranger = CommunityFactory(program=source.program)
    resource = ResourceFactory(community=source)

    response = share_resource(client, source, resource, stranger.slug)

    assert response.status_code == 403
    assert "a CoP you are a member of" in response.content.decode()
    assert not SharedItem.objects.exists()


@pytest.mark.parametrize("slug", ["", "no-such-cop", "source"])
def test_a_missing_unknown_or_same_target_is_refused(client, cops, broker, slug):
    source, _target = cops
    resource = ResourceFactory(community=source)

    response = share_resource(client, source, resource, source.slug if slug == "source" else slug)

    assert response.status_code in {400, 422}
    assert not SharedItem.objects.exists()


def test_sharing_twice_into_the_same_cop_is_refused(client, cops, broker):
    source, target = cops
    resource = ResourceFactory(community=source)
    share_resource(client, source, resource, target.slug)

    response = share_resource(client, source, resource, target.slug)

    assert response.status_code == 409
    assert SharedItem.objects.count() == 1


def test_a_retired_resource_is_not_shared_and_a_retired_share_leaves_the_target(
    client, cops, broker
):
    source, target = cops
    resource = ResourceFactory(community=source, title="Old guide")
    share_resource(client, source, resource, target.slug)
    item = SharedItem.objects.get()
    resource.retired_at = item.shared_at
    resource.save()

    assert share_resource(client, source, resource, target.slug).status_code in {409}
    assert (
        "Old guide" not in client.get(reverse("toolkit:list", args=[target.slug])).content.decode()
    )
    assert client.get(reverse("toolkit:shared", args=[target.slug, item.pk])).status_code == 404


def test_a_hidden_thread_leaves_the_target(client, cops, broker):
    source, target = cops
    thread = ThreadFactory(community=source, title="Waitlist ideas")
    client.post(
        reverse("toolkit:broker_thread", args=[source.slug, thread.pk]), {"target": target.slug}
    )
    thread.is_hidden = True
    thread.save()

    html = client.get(reverse("toolkit:list", args=[target.slug])).content.decode()

    assert "Waitlist ideas" not in html


def test_a_program_wide_resource_is_not_brokered(client, cops, broker):
    source, target = cops
    resource = ResourceFactory(community=None, program=source.program)

    response = share_resource(client, source, resource, target.slug)

    assert response.status_code == 400
    assert not SharedItem.objects.exists()


def test_a_plain_member_cannot_broker(client, cops):
    source, target = cops
    member = MembershipFactory(community=source).user
    MembershipFactory(community=target, user=member)
    client.force_login(member)
    resource = ResourceFactory(community=source)

    assert share_resource(client, source, resource, target.slug).status_code == 403
    assert not SharedItem.objects.exists()


def test_an_archived_target_is_refused(client, cops, broker):
    source, target = cops
    target.stage = Stage.ARCHIVED
    target.save()
    resource = ResourceFactory(community=source)

    response = share_resource(client, source, resource, target.slug)

    assert response.status_code == 409
    assert not SharedItem.objects.exists()


def test_the_resource_page_offers_brokers_the_share(client, cops, broker):
    source, _target = cops
    resource = ResourceFactory(community=source)
    share_url = reverse("toolkit:broker_resource", args=[source.slug, resource.pk])

    assert share_url in client.get(resource.url_in(source)).content.decode()
    client.force_login(MembershipFactory(community=source).user)
    assert share_url not in client.get(resource.url_in(source)).content.decode()


def test_the_toolkit_page_offers_brokers_the_cops_threads_to_share(client, cops, broker):
    source, _target = cops
    thread = ThreadFactory(community=source, title="Waitlist ideas")
    ThreadFactory(community=source, title="Hidden one", is_hidden=True)
    share_url = reverse("toolkit:broker_thread", args=[source.slug, thread.pk])
    toolkit_url = reverse("toolkit:list", args=[source.slug])

    html = client.get(toolkit_url).content.decode()
    assert share_url in html and "Hidden one" not in html
    client.force_login(MembershipFactory(community=source).user)
    assert share_url not in client.get(toolkit_url).content.decode()


def test_nothing_is_brokered_out_of_an_archived_cop(client, cops, broker):
    source, target = cops
    resource = ResourceFactory(community=source)
    source.stage = Stage.ARCHIVED
    source.save()

    assert share_resource(client, source, resource, target.slug).status_code == 403
    assert not SharedItem.objects.exists()


def test_the_share_form_offers_only_the_programs_other_live_cops_the_broker_belongs_to(
    client, cops, broker
):
    source, _target = cops
    archived = CommunityFactory(program=source.program, name="Archived CoP", stage=Stage.ARCHIVED)
    outside = CommunityFactory(program=ProgramFactory(), name="Outside CoP")
    for cop in (archived, outside):
        MembershipFactory(community=cop, user=broker)
    CommunityFactory(program=source.program, name="Stranger CoP")
    resource = ResourceFactory(community=source)

    html = client.get(reverse("toolkit:broker_resource", args=[source.slug, resource.pk]))

    options = html.content.decode()
    assert "Target CoP" in options
    for name in ("Archived CoP", "Outside CoP", "Stranger CoP", ">Source CoP<"):
        assert name not in options
