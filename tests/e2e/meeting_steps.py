"""Steps the meetings journeys share."""

import datetime as dt


def schedule_weekly_virtual_check_in(page, day: dt.date) -> None:
    """From a CoP's meetings list: a weekly virtual check-in at 09:00 Chicago time, 8 meetings."""
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Title").fill("Weekly check-in")
    page.get_by_label("Agenda").fill("Welcome\nCase review")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start time").fill("09:00")
    page.get_by_label("End time").fill("10:00")
    page.get_by_label("Time zone").select_option("America/Chicago")
    page.get_by_label("Format").select_option("virtual")
    page.get_by_label("Join link").fill("https://meet.example.org/circle")
    page.get_by_label("Repeats").select_option("weekly")
    page.get_by_label("Number of meetings").fill("8")
    page.get_by_role("button", name="Save meeting").click()
