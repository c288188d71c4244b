"""Oversight's part of the permission matrix. The runner is `tests/test_permission_matrix.py`.

Check-ins are for a CoP's facilitators and those who oversee it: plain members and every other
role get a 403 (a 404 where they may not know the CoP), so do outsiders of a public CoP."""

from tests.matrix import AppMatrix, Spec

RECORD = {"held_on": "2025-01-02", "status": "on_track", "notes": "Met the leaders."}
URLS = {
    "oversight:checkins": Spec("checkin.view"),
    "oversight:checkin_record": Spec("checkin.record", ("GET", "POST"), data=RECORD),
    "oversight:status_update": Spec("checkin.answer", ("GET", "POST"), data={"status": "at_risk"}),
    "oversight:checkin_cadence": Spec(
        "checkin.set_cadence", ("GET", "POST"), data={"cadence_days": "7"}
    ),
    # The CoPs the viewer follows as provider or TTA leader: everyone signed in sees only theirs.
    "oversight:my_checkins": Spec(None, scope="site"),
}

CAPABILITIES = {
    "facilitator": {"checkin.view", "checkin.answer"},
    "provider": {"checkin.view", "checkin.record", "checkin.set_cadence"},
    "program_leader": {"checkin.view", "checkin.set_cadence"},
}

MATRIX = AppMatrix(urls=URLS, capabilities=CAPABILITIES)
