"""Check-ins' capabilities (SPEC §6), over the viewer's relation to the check-in's CoP.

A CoP's check-ins are between its leaders and those who oversee it: its facilitators, its TTA
provider and its program's TTA leaders see them; plain members and other roles never do. The
facilitators answer the status request, the provider records the check-in, and the provider or
a TTA leader sets the cadence. Only a CoP in a program has check-ins, and an archived CoP is
read-only.
"""

import rules

from communities.models import Program, Role
from communities.rules import (
    holds,
    in_a_program,
    is_its_provider,
    is_writable,
    leads_its_program,
    leads_program,
    on_its_community,
    oversees,
)

leads_here = on_its_community(holds(Role.FACILITATOR))
provides_here = on_its_community(is_its_provider)
open_program_cop = on_its_community(in_a_program) & on_its_community(is_writable)

rules.add_perm("checkin.view", leads_here | on_its_community(oversees))
rules.add_perm("checkin.answer", leads_here & open_program_cop)
rules.add_perm("checkin.record", provides_here & open_program_cop)
rules.add_perm(
    "checkin.set_cadence", (provides_here | on_its_community(leads_its_program)) & open_program_cop
)

# Survey templates: a CoP's own by its facilitators, a program's by its TTA leaders (SPEC §6).
rules.add_perm("survey_template.edit", leads_here & on_its_community(is_writable))
rules.add_perm("program_survey_template.edit", leads_program)

# Evaluations: the CoP's facilitators and those who oversee it follow them; the facilitators
# or the program's TTA leaders schedule one for the CoP, the TTA leaders one for the program.
rules.add_perm("evaluation.view", leads_here | on_its_community(oversees))
rules.add_perm(
    "evaluation.schedule",
    (leads_here | on_its_community(leads_its_program)) & on_its_community(is_writable),
)
rules.add_perm("program_evaluation.schedule", leads_program)
rules.add_perm("program_evaluation.view", leads_program)


# Dashboards (step 3): a program's for its TTA leaders and for the providers of its CoPs (who
# see their own CoPs on it); a CoP's for its facilitators, its usage analysts and those who
# oversee it. Only facilitators and usage analysts see its figures member by member (SPEC §6).
@rules.predicate
def provides_in_program(user, program) -> bool:
    return (
        isinstance(program, Program)
        and user.is_authenticated
        and program.communities.filter(provider=user).exists()
    )


analyses_here = on_its_community(holds(Role.USAGE_ANALYST))  # a facilitator holds every role
rules.add_perm("program_dashboard.view", leads_program | provides_in_program)
rules.add_perm("cop_dashboard.view", analyses_here | on_its_community(oversees))
rules.add_perm("cop_dashboard.members", analyses_here)
