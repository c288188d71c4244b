"""Later apps add their part of the demo from their own folder: `seed_demo` runs every
registered seeder in order, and passes on the people and CoPs seeded before it."""

from io import StringIO

import pytest
from django.core.management import call_command

from cop_platform.demo import demo_seeders, register_demo_seeder, unregister_demo_seeder

pytestmark = pytest.mark.django_db


@pytest.fixture
def later_app_seeder():
    seen = {}

    def seeder(data):
        seen["people"] = set(data.people)
        seen["communities"] = set(data.communities)
        return ["  a later app's demo line"]

    register_demo_seeder("later.app", seeder, order=100)
    yield seen
    unregister_demo_seeder("later.app")


def test_seed_demo_runs_a_later_apps_seeder_after_communities_when_registered(later_app_seeder):
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert "member@example.org" in later_app_seeder["people"]
    assert "recovery-leaders" in later_app_seeder["communities"]
    assert "a later app's demo line" in out.getvalue()
    # After every seeder of communities (real later apps, e.g. meetings, may run beside it).
    order = demo_seeders()
    assert all(
        order.index("later.app") > order.index(name)
        for name in order
        if name.startswith("communities.")
    )


def test_seed_demo_refuses_a_second_seeder_under_a_taken_name_when_registered():
    with pytest.raises(ValueError, match="already registered"):
        register_demo_seeder("communities.people", lambda data: None, order=10)


def test_seed_demo_prints_the_accounts_and_cops_when_run():
    out = StringIO()

    call_command("seed_demo", stdout=out)

    text = out.getvalue()
    assert "facilitator@example.org" in text
    assert "cop-demo-2026" in text
    assert "recovery-leaders" in text
