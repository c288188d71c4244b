"""A program's dashboard (issue 14 step 3): every open CoP of the program with its figures, its
health flag and the reasons in words, sortable and filterable, with charts of the program's
weeks, and the same table as a CSV. Its TTA leaders see every CoP; a TTA provider sees the ones
assigned to them. The figures are the worker's rollups, shown "as of" their time."""

import csv
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communities.access import access_of
from communities.models import Program
from cop_platform.permissions import can
from meetings.views.attendance import spreadsheet_safe
from oversight.dashboard_charts import attendance_chart, posts_chart
from oversight.dashboard_selectors import (
    DashboardRow,
    dashboard_communities,
    figures_as_of,
    filtered,
    flag_counts,
    ordered,
    providers_of,
    rows_of,
    weekly_activity,
)
from oversight.forms.dashboards import DashboardFilterForm
from oversight.health import RULES
from oversight.models import HealthFlag

PAGE_SIZE = 50
# The table's sortable columns, in the order shown (keys of `dashboard_selectors.SORTS`). The
# flag comes next to the name, and the reasons in words after it (the template puts them
# there): on a screen narrower than the table, what a leader came for is seen without scrolling.
COLUMNS = (
    ("name", gettext_lazy("CoP")),
    ("flag", gettext_lazy("Flag")),
    ("provider", gettext_lazy("TTA provider")),
    ("stage", gettext_lazy("Stage")),
    ("members", gettext_lazy("Members")),
    ("active", gettext_lazy("Active members")),
    ("posts", gettext_lazy("Posts")),
    ("meetings", gettext_lazy("Meetings held")),
    ("attendance", gettext_lazy("Attendance rate")),
    ("open", gettext_lazy("Open action items")),
    ("overdue", gettext_lazy("Overdue action items")),
    ("checkin", gettext_lazy("Last check-in")),
    ("score", gettext_lazy("Latest evaluation score")),
)


@dataclass(frozen=True)
class SortHeader:
    label: str
    url: str
    # "ascending" / "descending" on the column the table is sorted by, "" elsewhere.
    aria_sort: str


def _program_for(request, slug) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not can(request.user, "program_dashboard.view", program):
        raise PermissionDenied
    return program


def _table(request, program):
    """The viewer's CoPs, the filter form, and the rows filtered and sorted as asked."""
    scoped = dashboard_communities(program=program, viewer=request.user)
    form = DashboardFilterForm(request.GET, providers=providers_of(scoped))
    filters = form.filters()
    rows, sort = ordered(filtered(scoped, **filters), request.GET.get("sort", ""))
    return scoped, form, filters, rows, sort


def _query(params: QueryDict, **changes) -> str:
    """The page's GET parameters with these changed, without the page number."""
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


def _sort_headers(params: QueryDict, sort: str) -> list[SortHeader]:
    headers = []
    for key, label in COLUMNS:
        aria = {key: "ascending", f"-{key}": "descending"}.get(sort, "")
        following = f"-{key}" if aria == "ascending" else key
        headers.append(SortHeader(str(label), "?" + _query(params, sort=following), aria))
    return headers


@login_required
def program_dashboard(request, slug):
    program = _program_for(request, slug)
    scoped, form, filters, communities, sort = _table(request, program)
    page = Paginator(communities, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = rows_of(page.object_list, today=today)
    weeks = weekly_activity(scoped, today=today)
    query = _query(request.GET)
    context = {
        "program": program,
        "leads": program.pk in access_of(request.user).led_program_ids,
        "counts": flag_counts(scoped),
        "form": form,
        "filtering": bool(filters["flag"] or filters["provider_id"]),
        "page": page,
        "rows": rows,
        "headers": _sort_headers(request.GET, sort),
        "query": query,
        "as_of": figures_as_of(rows),
        "charts": (posts_chart(weeks), attendance_chart(weeks)),
        "rules": RULES,
        "csv_url": reverse("oversight:program_dashboard_csv", args=[program.slug])
        + (f"?{query}" if query else ""),
    }
    return render(request, "oversight/program_dashboard.html", context)


CSV_HEADINGS = (
    gettext_lazy("CoP"),
    gettext_lazy("TTA provider"),
    gettext_lazy("Stage"),
    gettext_lazy("Members"),
    gettext_lazy("Active members"),
    gettext_lazy("Posts"),
    gettext_lazy("Meetings held"),
    gettext_lazy("Attendance rate (%)"),
    gettext_lazy("Open action items"),
    gettext_lazy("Overdue action items"),
    gettext_lazy("Last check-in"),
    gettext_lazy("Last check-in status"),
    gettext_lazy("Latest evaluation score"),
    gettext_lazy("Flag"),
    gettext_lazy("Reasons"),
    # In the viewer's zone, with its offset, so a spreadsheet elsewhere reads it right.
    gettext_lazy("Figures as of"),
)


def _csv_cells(row: DashboardRow) -> list:
    community, health = row.community, row.health
    provider = community.provider.display_name if community.provider else ""
    if health is None:
        # Ten figures blank, then the flag, no reasons and no time.
        blank = [""] * 10
        return [
            community.name,
            provider,
            community.get_stage_display(),
            *blank,
            _("Not computed yet"),
            "",
            "",
        ]
    rate = health.attendance_rate
    score = health.evaluation_score
    return [
        community.name,
        provider,
        community.get_stage_display(),
        health.members,
        health.active_members,
        health.posts,
        health.meetings_held,
        "" if rate is None else round(rate * 100),
        health.open_action_items,
        health.overdue_action_items,
        health.last_checkin_on.isoformat() if health.last_checkin_on else "",
        row.checkin_label,
        "" if score is None else formats.number_format(score, 1),
        HealthFlag(health.flag).label,
        " ".join(row.reasons),
        timezone.localtime(health.computed_at).isoformat(timespec="minutes"),
    ]


@login_required
def program_dashboard_csv(request, slug):
    """The table as the page shows it (filters and sort), every page of it."""
    program = _program_for(request, slug)
    _scoped, _form, _filters, communities, _sort = _table(request, program)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slugify(program.slug)}-dashboard.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([str(heading) for heading in CSV_HEADINGS])
    today = timezone.localdate()
    for row in rows_of(communities.iterator(chunk_size=500), today=today):
        writer.writerow([spreadsheet_safe(cell) for cell in _csv_cells(row)])
    return response
