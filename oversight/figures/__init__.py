"""Every CoP's figures and health flag, computed in bulk by a worker (issue 14 step 3).

`refresh_health()` reads a chunk of CoPs in a fixed number of set-based queries (each grouped by
CoP), flags each with `oversight.health.assess`, and upserts `CommunityHealth` and the last
twelve weeks of `WeeklyActivity`. The dashboards read those rows and say "as of" when.
"""

from oversight.figures.refresh import CHUNK_SIZE, refresh_health

__all__ = ["CHUNK_SIZE", "refresh_health"]
