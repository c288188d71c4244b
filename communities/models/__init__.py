from communities.models.community import (
    Cadence,
    Community,
    FormationMode,
    JoinPolicy,
    Program,
    Stage,
    Visibility,
)
from communities.models.membership import (
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipRole,
    Role,
)
from communities.models.notification_preference import NotificationPreference
from communities.models.tag import Tag
from communities.models.user import User
from communities.notifications.models import Notification, OutboxMessage, OutboxStatus

__all__ = [
    "Cadence",
    "Community",
    "FormationMode",
    "JoinPolicy",
    "JoinRequest",
    "JoinRequestStatus",
    "Membership",
    "MembershipRole",
    "Notification",
    "NotificationPreference",
    "OutboxMessage",
    "OutboxStatus",
    "Program",
    "Role",
    "Stage",
    "Tag",
    "User",
    "Visibility",
]
