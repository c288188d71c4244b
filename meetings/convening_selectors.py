"""Who a program's convenings invite, and what they answered.

Invitees are the program's TTA leaders and the facilitators of every CoP in the program, asked
when read (never stored): a facilitator who steps down is no longer invited, emailed or asked
to answer. Each selector runs a fixed number of queries however many invitees there are."""

from django.db.models import Count, Q, QuerySet

from communities.models import Program, Role, User
from meetings.models import Convening, ConveningRsvp, RsvpResponse

# Names listed under "not answered yet"; the rest are counted.
WAITING_SHOWN = 50


def invitees_of(*, program: Program) -> QuerySet[User]:
    """The active people a program's convenings invite, now."""
    facilitators = User.objects.filter(
        memberships__community__program=program,
        memberships__roles__role=Role.FACILITATOR,
    ).values("pk")
    leaders = program.leaders.values("pk")
    return User.objects.filter(Q(pk__in=facilitators) | Q(pk__in=leaders), is_active=True)


def my_convening_answer(*, convening: Convening, member: User) -> str | None:
    return (
        ConveningRsvp.objects.filter(convening=convening, member=member)
        .values_list("response", flat=True)
        .first()
    )


def convening_responses(*, convening: Convening) -> dict:
    """For those who run it: yes / no / maybe counted among those still invited, and who has
    not answered (the first WAITING_SHOWN by name, and how many in all)."""
    invited = invitees_of(program=convening.program)
    answers = ConveningRsvp.objects.filter(convening=convening, member__in=invited)
    counts = answers.aggregate(
        **{
            value: Count("pk", filter=Q(response=value))
            for value in (RsvpResponse.YES, RsvpResponse.NO, RsvpResponse.MAYBE)
        }
    )
    waiting = invited.exclude(pk__in=answers.values("member_id")).order_by("name", "pk")
    return {
        "counts": counts,
        "waiting": list(waiting[:WAITING_SHOWN]),
        "waiting_count": waiting.count(),
    }
