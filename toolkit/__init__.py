"""Resources, uploads, knowledge capture and brokering (SPEC §5).

Its capabilities arrive with their issue; the app is installed now so that the layout is fixed.
"""
