"""Check-ins' scale data (`manage.py seed_scale` at a tiny factor): every open program CoP has
a plan that follows its history, some are overdue, and the pages of a seeded CoP answer."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from communities.models import Community, Stage
from oversight.models import CheckIn, CheckInPlan, StatusUpdate
from oversight.schedule import arm_all_plans

pytestmark = pytest.mark.django_db


def test_seed_scale_makes_plans_that_follow_each_cops_history(client):
    out = io.StringIO()
    call_command("seed_scale", factor=0.01, yes_really=True, stdout=out)

    assert "oversight.checkins:" in out.getvalue()
    open_program_cops = Community.objects.filter(program__isnull=False).exclude(
        stage=Stage.ARCHIVED
    )
    assert CheckInPlan.objects.count() == open_program_cops.count() > 0
    assert CheckIn.objects.exists()
    for plan in CheckInPlan.objects.all():
        last = CheckIn.objects.filter(community=plan.community_id).aggregate(m=Max("held_on"))["m"]
        anchor = max(filter(None, (last, plan.started_on)))
        assert (plan.next_due_on - anchor).days == plan.cadence_days
    assert StatusUpdate.objects.count() <= CheckInPlan.objects.count()
    # The hourly arming takes the seeded plans as they are.
    due_before = list(CheckInPlan.objects.order_by("pk").values_list("next_due_on", flat=True))
    arm_all_plans(timezone.now())
    assert (
        list(CheckInPlan.objects.order_by("pk").values_list("next_due_on", flat=True)) == due_before
    )
    plan = CheckInPlan.objects.select_related("community__provider").first()
    client.force_login(plan.community.provider)
    assert client.get(reverse("oversight:checkins", args=[plan.community.slug])).status_code == 200
    assert client.get(reverse("oversight:my_checkins")).status_code == 200
