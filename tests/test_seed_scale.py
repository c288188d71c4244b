"""`manage.py seed_scale` at a tiny factor: the rows it makes, and that the app's own rules and
search work on them."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test import override_settings

from communities.models import (
    Community,
    Membership,
    Post,
    Program,
    Thread,
    User,
    Visibility,
)
from cop_platform.scale_text import STOP_WORDS, VOCABULARY
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db

# A hundredth of factor 1: 50 people, 8 CoPs (the least), 203 memberships, 100 threads, 900 replies.
TINY = 0.01


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_scale", factor=TINY, yes_really=True, stdout=out, **options)
    return out.getvalue()


def test_seed_scale_makes_the_rows_of_its_factor():
    output = seed()
    assert User.objects.count() == 50
    assert Community.objects.count() == 8
    assert Program.objects.count() == 1
    assert Membership.objects.count() == 203
    assert Thread.objects.count() == 100
    assert Post.objects.count() == 900
    assert Community.objects.filter(visibility=Visibility.PRIVATE).exists()
    assert Community.objects.filter(program__isnull=False).exists()
    # Each table's time is printed.
    assert "communities_post" in output


def test_memberships_are_unique_and_people_belong_to_a_few_cops():
    seed()
    pairs = Membership.objects.values("community_id", "user_id").distinct().count()
    assert pairs == Membership.objects.count()
    per_person = Membership.objects.values("user_id").annotate(cops=Count("id"))
    assert max(row["cops"] for row in per_person) > 1


def _rarest_title_word(thread: Thread) -> str:
    words = [word.lower().strip("?.") for word in thread.title.split()]
    content = [word for word in words if word not in STOP_WORDS]
    return max(content, key=VOCABULARY.words.index)


def _member_and_outsider(community: Community) -> tuple[User, User]:
    members = Membership.objects.filter(community=community).values_list("user_id", flat=True)
    return (
        User.objects.filter(pk__in=members).first(),
        User.objects.exclude(pk__in=members).first(),
    )


def test_search_page_finds_a_seeded_thread_by_a_word_of_its_title(client):
    seed()
    thread = (
        Thread.objects.filter(community__visibility=Visibility.PUBLIC, is_hidden=False)
        .order_by("pk")
        .first()
    )
    word = _rarest_title_word(thread)
    member, _outsider = _member_and_outsider(thread.community)
    client.force_login(member)
    # Only threads and replies holding the word can come back, so few: all on the first page.
    matching = Thread.objects.filter(search_vector=word).count()
    matching += Post.objects.filter(search_vector=word).count()
    assert matching <= 20

    response = client.get("/search/", {"q": word})

    assert response.status_code == 200
    assert thread.get_absolute_url() in response.content.decode()


def test_private_seeded_threads_stay_hidden_from_non_members(client):
    seed()
    thread = Thread.objects.filter(
        community__visibility=Visibility.PRIVATE, is_hidden=False, archived_at=None
    ).first()
    member, outsider = _member_and_outsider(thread.community)
    word = _rarest_title_word(thread)

    client.force_login(outsider)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert thread.get_absolute_url() not in client.get("/search/", {"q": word}).content.decode()

    client.force_login(member)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_seed_scale_refuses_a_database_holding_cops_unless_forced():
    CommunityFactory()
    with pytest.raises(CommandError, match="already holds CoPs"):
        seed()
    assert Thread.objects.count() == 0

    seed(force=True)
    assert Community.objects.count() == 1 + 8


@override_settings(DEBUG=False)
def test_seed_scale_refuses_with_debug_off_unless_told_it_is_a_bench_database():
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_scale", factor=TINY, stdout=io.StringIO())
    assert User.objects.count() == 0


def test_search_entries_have_statistics_when_seeding_ends():
    # Triggers fill them, not the seeders' COPY: unanalysed, a common pair of words was planned
    # as a rare one and search read every match instead of the newest few hundred.
    seed()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems IS NOT NULL FROM pg_stats"
            " WHERE tablename = 'communities_searchentry' AND attname = 'search_vector'"
        )
        assert cursor.fetchall() == [(True,)]
