"""Meetings' capabilities, over the roles the viewer holds in the meeting's CoP.

Facilitators schedule and change meetings; members see them and answer RSVPs; those who oversee
a CoP (its program's leaders, its TTA provider) see them; on a public CoP anyone signed in sees
them. An archived CoP is read-only: nothing is scheduled, changed or answered there.
"""

import rules

from communities.models import Role
from communities.rules import (
    holds,
    is_member,
    is_public,
    is_writable,
    leads_its_program,
    leads_program,
    on_its_community,
    oversees,
)

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


# What follows a meeting (issue 12, step 2). Taking attendance, writing minutes and creating
# action items are the facilitators'; an action item's owner moves its status too. Who came is
# personal, so the attendance CSV is for facilitators only (as `meeting.see_responses` is):
# those who oversee a CoP see its meetings and minutes, not who stayed away.
owns_it = rules.predicate(
    lambda user, item: user.is_authenticated and getattr(item, "owner_id", None) == user.pk,
    name="owns_it",
)
rules.add_perm("meeting.take_attendance", facilitates_here & writable_here)
rules.add_perm("meeting.export_attendance", facilitates_here)
rules.add_perm("meeting.write_minutes", facilitates_here & writable_here)
rules.add_perm("action_item.view", member_here | on_its_community(oversees) | public_here)
rules.add_perm("action_item.create", facilitates_here & writable_here)
rules.add_perm(
    "action_item.update_status", (facilitates_here | (owns_it & member_here)) & writable_here
)

# Reminding those who have not answered for an occurrence sends mail: a facilitator's, while
# the CoP is writable (issue 12, step 3).
rules.add_perm("meeting.nudge", facilitates_here & writable_here)

# Program convenings (issue 12, step 3): the program's TTA leaders call them. Who may see one is
# a queryset (`meetings.convenings.convenings_visible_to`): the uninvited get a 404, not a 403.
rules.add_perm("convening.schedule", leads_program)
# Whether a convening's email may still reach someone, asked of the CoP it reached them
# through (meetings/convening_mail.py): a facilitator of it, or a TTA leader of its program.
# Asked again by the outbox before it sends, and when someone steps down.
rules.add_perm("convening.attend", holds(Role.FACILITATOR) | leads_its_program)
