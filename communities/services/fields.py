from django.db import models


def assign_fields(instance: models.Model, fields: dict, *, allowed: tuple[str, ...]) -> None:
    """Set and save only the named fields, refusing any a service does not accept."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Not {type(instance).__name__} settings: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save(update_fields=list(fields))
