"""Which CoP an object belongs to, as the object itself declares it.

Every CoP-owned model names its CoP through one property, `owning_community`; permissions
(`communities/rules.py`) and the notification engine ask only that, never other attributes.
"""

from communities.models import Community


def community_of(obj) -> Community | None:
    """The CoP an object belongs to, as the object declares it; None for anything else."""
    if isinstance(obj, Community):
        return obj
    if isinstance(getattr(type(obj), "owning_community", None), property):
        return obj.owning_community
    return None
