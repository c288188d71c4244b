"""Every write in communities goes through these services: verb-first, keyword-only."""

from communities.services.communities import (
    change_stage,
    create_community,
    update_community,
)
from communities.services.invitations import (
    InvitationError,
    accept_invitation,
    check_invitation,
    invitation_for_token,
    invite,
)
from communities.services.member_import import start_member_import
from communities.services.membership import (
    LastFacilitatorError,
    decide_join_request,
    join_community,
    leave_community,
    remove_member,
    request_to_join,
    set_roles,
)
from communities.services.people import (
    delete_account,
    mark_notifications_read,
    tags_named,
    unsubscribe,
    update_notification_preferences,
    update_profile,
)

__all__ = [
    "InvitationError",
    "LastFacilitatorError",
    "accept_invitation",
    "change_stage",
    "check_invitation",
    "create_community",
    "decide_join_request",
    "delete_account",
    "invitation_for_token",
    "invite",
    "join_community",
    "leave_community",
    "mark_notifications_read",
    "remove_member",
    "request_to_join",
    "set_roles",
    "start_member_import",
    "tags_named",
    "unsubscribe",
    "update_community",
    "update_notification_preferences",
    "update_profile",
]
