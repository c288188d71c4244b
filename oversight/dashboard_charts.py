"""The program dashboard's charts, from its weeks of activity (`weekly_activity`)."""

from django.utils.translation import gettext as _

from cop_platform.charts import Chart, ChartRow
from oversight.dashboard_selectors import Week


def posts_chart(weeks: list[Week]) -> Chart:
    return Chart(
        id="weekly-posts",
        caption=_("Posts a week, last 12 weeks (threads and replies)"),
        row_heading=_("Week starting"),
        series=(_("Posts"),),
        rows=tuple(ChartRow(week.label, (week.posts,)) for week in weeks),
    )


def attendance_chart(weeks: list[Week]) -> Chart:
    rate = _("Attendance rate (%)")
    return Chart(
        id="weekly-attendance",
        caption=_("Attendance a week, last 12 weeks (people marked present and absent)"),
        row_heading=_("Week starting"),
        series=(_("Present"), _("Absent"), rate),
        rows=tuple(
            ChartRow(week.label, (week.present, week.absent, week.attendance_rate))
            for week in weeks
        ),
        percent_series=frozenset({rate}),
    )
