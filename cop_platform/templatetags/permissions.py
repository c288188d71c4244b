from django import template

from cop_platform.permissions import can as can_do

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, capability: str, obj=None) -> bool:
    """`{% can "profile.edit" profile as may_edit %}` asks the same `can()` as the views."""
    return can_do(context["request"].user, capability, obj)
