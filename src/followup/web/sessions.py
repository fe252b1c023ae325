"""Django's database sessions, read with one plain query.

Every page reads the session first. The ORM's `Session.objects.get(...)`
spent more time building its SQL than the database spent answering it; this
asks the same question (the key, not expired) as a prepared statement.
Writing, expiry and sign-out are Django's own, unchanged.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import connection
from django.utils import timezone

SESSION_DATA = (
    "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s"
)


class SessionStore(DatabaseStore):
    def _get_session_from_db(self) -> Any:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(SESSION_DATA, [self.session_key, now])
            found = cursor.fetchone()
        if found is None:
            self._session_key = None
            return None
        return self.model(session_key=str(self.session_key), session_data=found[0])
