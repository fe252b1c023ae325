"""Django settings for followup.

The command line builds these lazily through `settings_for(url)` and
`django.conf.settings.configure`; `DJANGO_SETTINGS_MODULE=followup.web.settings`
uses the module-level values (the database from FOLLOWUP_DB or the default
SQLite file), e.g. for `python -m followup.web makemigrations`.
"""

from __future__ import annotations

import os
from typing import Any

from followup.store.config import database_config, default_db_url


def settings_for(url: str) -> dict[str, Any]:
    return {
        "DEBUG": False,
        "SECRET_KEY": os.environ.get("FOLLOWUP_SECRET_KEY", "followup-local-only"),
        "INSTALLED_APPS": ["followup.store.apps.StoreConfig"],
        "DATABASES": {"default": database_config(url)},
        "USE_TZ": True,
        "TIME_ZONE": "UTC",
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        # Logging configuration costs an import the command line does not need.
        "LOGGING_CONFIG": None,
        "ROOT_URLCONF": "followup.web.urls",
        "ALLOWED_HOSTS": ["localhost", "127.0.0.1"],
    }


globals().update(settings_for(default_db_url()))
