from communities.models.notification_preference import NotificationPreference
from communities.models.tag import Tag
from communities.models.user import User

__all__ = ["NotificationPreference", "Tag", "User"]
