from communities.models.notification_preference import NotificationPreference
from communities.models.tag import Tag
from communities.models.user import User
from communities.notifications.models import Notification, OutboxMessage, OutboxStatus

__all__ = ["Notification", "NotificationPreference", "OutboxMessage", "OutboxStatus", "Tag", "User"]
