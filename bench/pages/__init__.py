"""The pages `make bench` measures: each names the URLs to rotate over and who views each one.

A page is a function returning (path, viewer) pairs, many of them, so a cache in front of one URL
cannot stand in for a fast page. Each app's pages sit in a module of their own here, over the
data its scale seeder (registered in its `AppConfig.ready()`) writes.
Runs inside Django (bench/targets.py), against a seeded bench database.
"""

from collections.abc import Callable

from bench.pages import discussions, meetings, oversight, toolkit
from bench.pages.common import Targets

# In the table's order; `make bench PAGES=home,search_common` picks some (bare always runs).
PAGES: dict[str, Callable[[], Targets]] = {
    "bare": discussions.bare,
    "thread": discussions.thread,
    "home": discussions.home,
    "directory": discussions.directory,
    "cop": discussions.cop,
    "thread_list": discussions.thread_list,
    "search_common": discussions.search_common,
    "search_rare": discussions.search_rare,
    "moderation": discussions.moderation,
    "program": discussions.program,
    "meetings_list": meetings.meetings_list,
    "series_calendar": meetings.series_calendar,
    "meeting": meetings.meeting,
    "occurrence": meetings.occurrence,
    "actions": meetings.actions,
    "my_actions": meetings.my_actions,
    "feed": meetings.feed,
    "toolkit": toolkit.toolkit,
    "resource": toolkit.resource,
    "body_of_knowledge": toolkit.body_of_knowledge,
    "my_checkins": oversight.my_checkins,
    "checkin_history": oversight.checkin_history,
    "evaluation_results": oversight.evaluation_results,
    "cop_dashboard": oversight.cop_dashboard,
    "program_dashboard": oversight.program_dashboard,
    "leader_home": oversight.leader_home,
}
