"""Discussions: threads of several kinds, replies, reactions, follows and moderation (SPEC §3)."""
