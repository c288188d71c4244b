"""Check-ins, evaluations, TTA dashboards and handoff (SPEC §6). Reads every app; none imports it.

Its capabilities arrive with their issue; the app is installed now so that the layout is fixed.
"""
