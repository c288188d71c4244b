"""Meetings' capabilities, over the roles the viewer holds in the meeting's CoP.

Facilitators schedule and change meetings; members see them and answer RSVPs; those who oversee
a CoP (its program's leaders, its TTA provider) see them; on a public CoP anyone signed in sees
them. An archived CoP is read-only: nothing is scheduled, changed or answered there.
"""

import rules

from communities.models import Role
from communities.rules import holds, is_member, is_public, is_writable, on_its_community, oversees

member_here = on_its_community(is_member)
facilitates_here = on_its_community(holds(Role.FACILITATOR))
writable_here = on_its_community(is_writable)

public_here = rules.is_authenticated & on_its_community(is_public)
rules.add_perm("meeting.view", member_here | on_its_community(oversees) | public_here)
rules.add_perm("meeting.schedule", facilitates_here & writable_here)
rules.add_perm("meeting.edit", facilitates_here & writable_here)
# Who answered and who has not is for those who run the meeting, archived or not.
rules.add_perm("meeting.see_responses", facilitates_here)
rules.add_perm("meeting.rsvp", member_here & writable_here)

# The charter: read as the CoP's meetings are; written by its facilitators while it is writable.
# Goals' status and progress notes are part of it.
rules.add_perm("charter.view", member_here | on_its_community(oversees) | public_here)
rules.add_perm("charter.edit", facilitates_here & writable_here)
