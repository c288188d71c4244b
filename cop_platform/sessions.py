"""Django's cached_db sessions, with logged-in pages kept working while Redis is unreachable."""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    """Django's cached_db reads the database when the cache read fails, then lets a Redis error
    through when it refills the cache: during an outage every logged-in request would answer
    500. Every cached session is also in the database (writes go there first), so the database
    alone answers truly. Logging in and out still need Redis (allauth's rate limits do too): a
    logout that could not reach the cache must fail loudly, as the session it left there would
    stay valid on the other web processes."""

    def load(self):
        try:
            return super().load()
        except Exception:  # whatever the cache backend raises, as Django's own load() catches
            logger.warning("Session cache unreachable; reading the database", exc_info=True)
            stored = self._get_session_from_db()
            return self.decode(stored.session_data) if stored else {}
