"""The toolkit's and oversight's `make bench` pages name many URLs, each one its viewer may see."""

import io

import pytest
from django.core.management import call_command

from communities.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_scale", factor=0.01, yes_really=True, stdout=io.StringIO())


@pytest.mark.parametrize(
    "page",
    [
        "toolkit",
        "resource",
        "body_of_knowledge",
        "my_checkins",
        "checkin_history",
        "evaluation_results",
        "cop_dashboard",
        "program_dashboard",
        "leader_home",
    ],
)
def test_bench_pages_name_urls_their_viewers_may_see(seeded, client, page):
    from bench.pages import PAGES  # noqa: PLC0415 (the bench is no app: only this test needs it)

    targets = PAGES[page]()
    # Many URLs or viewers, not one: a cache of one answer must not stand in for the page.
    assert len(set(targets)) == len(targets) >= 3
    for path, viewer in targets[:: max(1, len(targets) // 6)]:
        client.force_login(User.objects.get(pk=viewer))
        assert client.get(path).status_code == 200, path
