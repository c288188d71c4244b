"""The one permission layer: every view, template and task asks `can()`.

Each app declares its capabilities in its own `rules.py` (found by rules' autodiscovery).
`rules.has_perm` is asked directly, not `user.has_perm`: Django's `has_perm` lets every active
superuser through before any rule runs, and site staff have no powers inside a community.
"""

import rules


def can(user, capability: str, obj=None) -> bool:
    if not rules.perm_exists(capability):
        # A typo must not quietly answer "no" in one place and "yes" in another.
        raise KeyError(f"Unknown capability {capability!r}")
    return rules.has_perm(capability, user, obj)
