"""Notification kinds and preferences; the outbox and digests join them with their issue."""
