"""Capabilities about people and accounts. Community roles join them with their issue."""

import rules


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.is_authenticated and user.pk == person.pk


rules.add_perm("profile.view", rules.is_authenticated)
rules.add_perm("profile.edit", is_self)
rules.add_perm("account.delete", is_self)
