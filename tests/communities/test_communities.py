import pytest
from django.urls import reverse

from communities.forms import DirectoryFilterForm
from communities.models import (
    Community,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Notification,
    Role,
    Stage,
    Visibility,
)
from communities.selectors import directory_communities, home_for
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


def cop_data(**overrides):
    data = {
        "name": "Recovery Leaders",
        "slug": "",
        "domain": "peer recovery support",
        "purpose": "Learn from each other's programs.",
        "description": "Leaders of peer recovery programs.",
        "visibility": "private",
        "join_policy": "approval",
        "formation_mode": "self_selected",
        "meeting_cadence": "monthly",
    }
    data.update(overrides)
    return data


def test_creating_a_cop_makes_the_creator_its_facilitator(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(reverse("communities:create"), cop_data(), follow=True)

    community = Community.objects.get()
    assert community.slug == "recovery-leaders"
    assert community.stage == Stage.FORMING
    assert response.redirect_chain[-1][0] == community.get_absolute_url()
    assert "Your community is ready at http://testserver/cops/recovery-leaders/." in (
        response.content.decode()
    )
    membership = Membership.objects.get(community=community, user=person)
    assert list(membership.roles.values_list("role", flat=True)) == [Role.FACILITATOR]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "", "slug": ""}, "This field is required"),
        ({"name": "!!!", "slug": ""}, "letters or digits"),
        ({"visibility": "secret"}, "Select a valid choice"),
        ({"domain": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_cop_settings_are_explained_and_nothing_is_created(client, overrides, message):
    CommunityFactory(slug="taken")
    client.force_login(UserFactory())

    response = client.post(reverse("communities:create"), cop_data(**overrides))

    assert response.status_code == 422
    assert message in response.content.decode()
    assert Community.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "address"),
    [
        ({}, "/cops/recovery-leaders-3/"),
        ({"slug": "recovery-leaders"}, "/cops/recovery-leaders-3/"),
        ({"slug": "new"}, "/cops/new-2/"),
    ],
)
def test_a_cop_whose_address_is_in_use_gets_a_free_one_without_a_word_about_the_other(
    client, overrides, address
):
    # Private CoPs hold the address and the next one: saying "taken" would tell they exist.
    CommunityFactory(slug="recovery-leaders", visibility=Visibility.PRIVATE)
    CommunityFactory(slug="recovery-leaders-2", visibility=Visibility.PRIVATE)
    client.force_login(UserFactory())

    response = client.post(reverse("communities:create"), cop_data(**overrides), follow=True)

    created = Community.objects.latest("pk")
    assert created.get_absolute_url() == address
    assert response.redirect_chain[-1][0] == address
    html = response.content.decode()
    assert f"http://testserver{address}" in html
    assert "taken" not in html


def test_a_cop_renamed_to_an_address_in_use_gets_a_free_one(client):
    CommunityFactory(slug="quiet-circle", visibility=Visibility.PRIVATE)
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    client.force_login(facilitator.user)
    data = cop_data(name=facilitator.community.name, slug="quiet-circle")

    response = client.post(
        reverse("communities:edit", args=[facilitator.community.slug]), data, follow=True
    )

    facilitator.community.refresh_from_db()
    assert facilitator.community.slug == "quiet-circle-2"
    assert "http://testserver/cops/quiet-circle-2/" in response.content.decode()
    assert "taken" not in response.content.decode()


def test_a_cop_saved_under_its_own_address_keeps_it(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    slug = facilitator.community.slug
    client.force_login(facilitator.user)

    client.post(reverse("communities:edit", args=[slug]), cop_data(name="Renamed", slug=slug))

    facilitator.community.refresh_from_db()
    assert (facilitator.community.name, facilitator.community.slug) == ("Renamed", slug)


def test_only_a_programs_leaders_may_put_a_cop_in_it(client):
    program = ProgramFactory()
    client.force_login(UserFactory())

    client.post(reverse("communities:create"), cop_data(program=program.pk))

    assert Community.objects.get().program is None


def test_an_archived_cop_is_read_only_until_a_facilitator_reopens_it(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    community = facilitator.community
    client.force_login(facilitator.user)
    client.post(reverse("communities:stage", args=[community.slug]), {"stage": "archived"})

    assert client.get(reverse("communities:edit", args=[community.slug])).status_code == 403
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.post(reverse("communities:join", args=[community.slug])).status_code == 403
    assert not Membership.objects.filter(community=community, user=outsider).exists()

    client.force_login(facilitator.user)
    client.post(reverse("communities:stage", args=[community.slug]), {"stage": "sustaining"})
    community.refresh_from_db()
    assert community.stage == Stage.SUSTAINING


def test_open_cop_is_joined_in_one_click(client):
    community = CommunityFactory()
    person = UserFactory()
    client.force_login(person)

    response = client.post(reverse("communities:join", args=[community.slug]), follow=True)

    assert "Welcome to" in response.content.decode()
    assert Membership.objects.filter(community=community, user=person).exists()


def test_join_requests_are_approved_by_a_manager_and_the_requester_is_told(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    manager = MembershipFactory(
        community=CommunityFactory(join_policy="approval"), roles=[Role.MEMBERSHIP_MANAGER]
    )
    community = manager.community
    requester = UserFactory()
    client.force_login(requester)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:request", args=[community.slug]), {"message": "I run a program"}
        )
    join_request = JoinRequest.objects.get()
    assert [m.to for m in mailoutbox] == [[manager.user.email]]

    client.force_login(manager.user)
    queue = client.get(reverse("communities:join_requests", args=[community.slug]))
    assert "I run a program" in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:join_request_decide", args=[community.slug, join_request.pk]),
            {"decision": "approve"},
        )

    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.APPROVED
    assert Membership.objects.filter(community=community, user=requester).exists()
    assert mailoutbox[-1].to == [requester.email]
    assert "Welcome to" in mailoutbox[-1].subject
    assert Notification.objects.filter(recipient=requester).exists()


def test_a_declined_request_adds_nobody(client):
    manager = MembershipFactory(
        community=CommunityFactory(join_policy="approval"), roles=[Role.FACILITATOR]
    )
    join_request = JoinRequest.objects.create(community=manager.community, user=UserFactory())
    client.force_login(manager.user)

    client.post(
        reverse("communities:join_request_decide", args=[manager.community.slug, join_request.pk]),
        {"decision": "decline"},
    )

    assert Membership.objects.filter(community=manager.community).count() == 1


def test_the_last_facilitator_can_neither_leave_nor_lose_the_role(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    community = facilitator.community
    client.force_login(facilitator.user)

    left = client.post(reverse("communities:leave", args=[community.slug]), follow=True)
    client.post(
        reverse("communities:member_roles", args=[community.slug, facilitator.pk]),
        {"roles": ["archivist"]},
    )

    assert "needs a facilitator" in left.content.decode()
    assert facilitator.roles.filter(role=Role.FACILITATOR).exists()
    assert Membership.objects.filter(pk=facilitator.pk).exists()


def test_facilitators_assign_several_roles(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    member = MembershipFactory(community=facilitator.community)
    client.force_login(facilitator.user)

    client.post(
        reverse("communities:member_roles", args=[member.community.slug, member.pk]),
        {"roles": ["archivist", "discussion_moderator"]},
    )

    assert sorted(member.roles.values_list("role", flat=True)) == [
        "archivist",
        "discussion_moderator",
    ]


def test_a_membership_of_another_cop_cannot_be_touched_through_this_one(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    elsewhere = MembershipFactory()
    client.force_login(facilitator.user)

    removed = client.post(
        reverse("communities:member_remove", args=[facilitator.community.slug, elsewhere.pk])
    )
    roles = client.post(
        reverse("communities:member_roles", args=[facilitator.community.slug, elsewhere.pk]),
        {"roles": ["facilitator"]},
    )

    assert (removed.status_code, roles.status_code) == (404, 404)
    assert Membership.objects.filter(pk=elsewhere.pk).exists()
    assert not elsewhere.roles.exists()


def test_directory_finds_public_cops_by_domain_and_hides_private_and_archived(client):
    CommunityFactory(name="Peer Support", domain="peer recovery support")
    CommunityFactory(name="Hidden", domain="peer recovery", visibility=Visibility.PRIVATE)
    CommunityFactory(name="Old", domain="peer recovery", stage=Stage.ARCHIVED)
    CommunityFactory(name="Data Use", domain="using data")

    html = client.get(reverse("communities:directory"), {"q": "recovery"}).content.decode()

    assert "Peer Support" in html
    assert "Hidden" not in html
    assert "Old" not in html
    assert "Data Use" not in html


def test_directory_filters_and_keeps_them_across_pages(client):
    program = ProgramFactory(slug="series")
    for _number in range(25):
        CommunityFactory(program=program, join_policy="approval")
    CommunityFactory(join_policy="approval")

    response = client.get(
        reverse("communities:directory"), {"program": "series", "join_policy": "approval"}
    )

    html = response.content.decode()
    assert "25 communities" in html
    assert "program=series&amp;join_policy=approval&amp;page=2" in html


def test_directory_has_an_empty_state(client):
    html = client.get(reverse("communities:directory"), {"q": "nothing"}).content.decode()

    assert "No community matches." in html


def test_directory_filter_widgets_carry_bootstrap_classes():
    # Without them a select grows to its longest option and runs under the "Find" button.
    form = DirectoryFilterForm()
    classes = {name: form[name].field.widget.attrs.get("class") for name in form.fields}

    assert classes == {
        "q": "form-control",
        "program": "form-select",
        "join_policy": "form-select",
        "stage": "form-select",
    }


def test_directory_renders_its_filters_with_the_choices_kept_and_badges_whole(client):
    program = ProgramFactory(slug="series", name="Peer Series")
    CommunityFactory(program=program, join_policy="approval", name="Peer circle")

    html = client.get(
        reverse("communities:directory"), {"program": "series", "stage": "active", "q": "peer"}
    ).content.decode()

    assert '<select name="program" class="form-select" id="id_program">' in html
    assert '<select name="stage" class="form-select" id="id_stage">' in html
    assert '<input type="search" name="q" value="peer" class="form-control"' in html
    assert '<option value="series" selected>Peer Series</option>' in html
    assert '<option value="active" selected>Active</option>' in html
    # The joining rule in full, not cut to its first word ("Approval: …").
    assert ">Approval: a membership manager approves requests</span>" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_directory_queries_stay_flat(rows, client, django_assert_max_num_queries):
    for community in CommunityFactory.create_batch(rows, program=ProgramFactory()):
        MembershipFactory.create_batch(2, community=community)
    client.force_login(UserFactory())

    with django_assert_max_num_queries(8):
        client.get(reverse("communities:directory"))


@pytest.mark.parametrize("rows", [3, 30])
def test_members_page_queries_stay_flat(rows, client, django_assert_max_num_queries):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    for membership in MembershipFactory.create_batch(rows, community=facilitator.community):
        MembershipFactory(user=membership.user)  # they belong elsewhere too
    client.force_login(facilitator.user)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("communities:members", args=[facilitator.community.slug]))

    assert response.content.decode().count('name="roles"') == 7 * min(rows + 1, 25)


def test_members_page_searches(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    MembershipFactory(community=facilitator.community, user=UserFactory(name="Avery Quinn"))
    MembershipFactory(community=facilitator.community, user=UserFactory(name="Blake Rowe"))
    client.force_login(facilitator.user)

    html = client.get(
        reverse("communities:members", args=[facilitator.community.slug]), {"q": "avery"}
    ).content.decode()

    assert "Avery Quinn" in html
    assert "Blake Rowe" not in html


def test_members_page_search_does_not_match_the_email_addresses_it_never_shows(client):
    member = MembershipFactory(roles=[Role.FACILITATOR])
    MembershipFactory(
        community=member.community,
        user=UserFactory(name="Casey Lane", email="casey.secret-employer@example.org"),
    )
    client.force_login(member.user)
    url = reverse("communities:members", args=[member.community.slug])

    by_email = client.get(url, {"q": "secret-employer"}).content.decode()
    by_name = client.get(url, {"q": "casey"}).content.decode()

    assert "Casey Lane" not in by_email
    assert "Casey Lane" in by_name


def test_home_lists_my_cops_and_points_managers_to_waiting_requests(client):
    manager = MembershipFactory(roles=[Role.MEMBERSHIP_MANAGER])
    JoinRequest.objects.create(community=manager.community, user=UserFactory())
    client.force_login(manager.user)

    html = client.get(reverse("home")).content.decode()

    assert manager.community.name in html
    assert "1 join request waiting" in html


def test_home_has_an_empty_state_pointing_to_the_directory(client):
    client.force_login(UserFactory())

    html = client.get(reverse("home")).content.decode()

    assert "not a member of a community of practice yet" in html
    assert reverse("communities:directory") in html


# The member and join-request counts on the home page and the directory are correlated
# subqueries (selectors.count_of), not joins: each count stays its own, members are not
# multiplied by requests, and a CoP with nothing to count says 0.


def _request(community, status=JoinRequestStatus.PENDING) -> JoinRequest:
    return JoinRequest.objects.create(community=community, user=UserFactory(), status=status)


def test_home_counts_members_and_pending_requests_of_each_cop_apart():
    manager = MembershipFactory(community__name="Busy circle", roles=[Role.MEMBERSHIP_MANAGER])
    busy = manager.community
    MembershipFactory.create_batch(2, community=busy)  # 3 members with the manager
    _request(busy)
    _request(busy)
    _request(busy, status=JoinRequestStatus.DECLINED)  # decided: not waiting
    MembershipFactory(user=manager.user, community__name="Quiet circle")
    _request(CommunityFactory())  # another CoP's request counts for that CoP only

    memberships = home_for(user=manager.user)["memberships"]

    assert [
        (m.community.name, m.member_count, m.waiting_requests, m.manages_members)
        for m in memberships
    ] == [("Busy circle", 3, 2, True), ("Quiet circle", 1, 0, False)]


def test_the_home_page_shows_the_counts(client):
    manager = MembershipFactory(roles=[Role.FACILITATOR])
    MembershipFactory.create_batch(3, community=manager.community)
    for _ in range(2):
        _request(manager.community)
    client.force_login(manager.user)

    html = client.get(reverse("home")).content.decode()

    assert "4 members" in html
    assert "2 join requests waiting" in html


def test_the_directory_counts_each_cops_members_and_pages_in_name_order(client):
    for i in range(21):
        community = CommunityFactory(name=f"Circle {i:02d}")
        MembershipFactory.create_batch(i % 3, community=community)
    CommunityFactory(name="Circle hidden", visibility=Visibility.PRIVATE)

    rows = directory_communities()

    assert rows.count() == 21
    assert [(c.name, c.member_count) for c in rows[:4]] == [
        ("Circle 00", 0),
        ("Circle 01", 1),
        ("Circle 02", 2),
        ("Circle 03", 0),
    ]
    second = client.get(reverse("communities:directory"), {"page": 2}).content.decode()
    assert "21 communities" in second
    assert "Circle 20" in second
    assert "Circle 19" not in second  # on page 1 (20 a page)
    assert "2 members" in second  # Circle 20: 20 % 3 == 2
