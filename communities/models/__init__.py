from communities.discussions.attachment_models import Attachment
from communities.discussions.models import (
    AnswerVisibility,
    Ping,
    PingAnswer,
    Post,
    Reaction,
    Report,
    ReportStatus,
    Thread,
    ThreadFollow,
    ThreadKind,
    ThreadRead,
)
from communities.discussions.search_entries import SearchEntry
from communities.models.community import (
    Cadence,
    Community,
    FormationMode,
    JoinPolicy,
    Program,
    Stage,
    Visibility,
)
from communities.models.invitation import (
    ImportMode,
    ImportStatus,
    Invitation,
    MemberImport,
    hash_token,
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
from communities.notifications.models import (
    Notification,
    OutboxAttachment,
    OutboxMessage,
    OutboxStatus,
)

__all__ = [
    "AnswerVisibility",
    "Attachment",
    "Cadence",
    "Community",
    "FormationMode",
    "ImportMode",
    "ImportStatus",
    "Invitation",
    "JoinPolicy",
    "JoinRequest",
    "JoinRequestStatus",
    "MemberImport",
    "Membership",
    "MembershipRole",
    "Notification",
    "NotificationPreference",
    "OutboxAttachment",
    "OutboxMessage",
    "OutboxStatus",
    "Ping",
    "PingAnswer",
    "Post",
    "Program",
    "Reaction",
    "Report",
    "ReportStatus",
    "Role",
    "SearchEntry",
    "Stage",
    "Tag",
    "Thread",
    "ThreadFollow",
    "ThreadKind",
    "ThreadRead",
    "User",
    "Visibility",
    "hash_token",
]
