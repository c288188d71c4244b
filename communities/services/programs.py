"""TTA programs: their leaders, their CoPs and the providers assigned to those CoPs."""

from django.db import transaction

from communities.access import forget_access
from communities.models import Community, Program, User
from communities.services.fields import assign_fields

PROGRAM_FIELDS = ("name", "slug", "description", "starts_on", "ends_on")


@transaction.atomic
def create_program(*, actor: User, **fields) -> Program:
    if set(fields) - set(PROGRAM_FIELDS):
        raise TypeError(f"Not program settings: {sorted(set(fields) - set(PROGRAM_FIELDS))}")
    program = Program.objects.create(**fields)
    program.leaders.add(actor)
    forget_access(actor)
    return program


@transaction.atomic
def update_program(*, actor: User, program: Program, **fields) -> Program:
    assign_fields(program, fields, allowed=PROGRAM_FIELDS)
    return program


@transaction.atomic
def add_program_leader(*, actor: User, program: Program, person: User) -> None:
    program.leaders.add(person)
    forget_access(person)


@transaction.atomic
def add_community_to_program(*, actor: User, program: Program, community: Community) -> None:
    community.program = program
    community.save(update_fields=["program"])


@transaction.atomic
def assign_provider(*, actor: User, community: Community, provider: User | None) -> None:
    community.provider = provider
    community.save(update_fields=["provider"])
