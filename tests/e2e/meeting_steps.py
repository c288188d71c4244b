"""Steps the meetings journeys share."""

import datetime as dt

from playwright.sync_api import expect


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


def fill_the_charter_in_steps(page, shot=lambda _name: None) -> None:
    """From the charter's first step: the potential, one goal, a format, then on to publishing.
    `shot` takes a screenshot where a journey keeps them."""
    expect(page.get_by_text("Step 1 of 9")).to_be_visible()
    page.get_by_label("The team's potential").fill("Directors learning from each other.")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Step 2 of 9")).to_be_visible()
    goal = page.get_by_role("group", name="Goal 1")
    goal.get_by_label("Goal", exact=True).fill("A shared on-call rota")
    goal.get_by_label("How you will know it is met").fill("Every week is covered")
    shot("charter-goals")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Step 3 of 9")).to_be_visible()
    page.get_by_label("Regular check-ins").check()
    for _step in range(3, 9):
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Step 9 of 9")).to_be_visible()
    page.get_by_label("How resources are shared and stored").fill("A shared folder")
    page.get_by_role("button", name="Publish charter").click()
    expect(page.get_by_role("alert").filter(has_text="The charter is published")).to_be_visible()
