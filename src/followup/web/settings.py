"""`DJANGO_SETTINGS_MODULE=followup.web.settings`: the module-level values of
`followup.settings` (the database from FOLLOWUP_DB or the default SQLite
file), e.g. for `python -m followup.web makemigrations` and mypy's plugin.
The settings themselves live in `followup.settings`, which the store reads."""

from __future__ import annotations

from followup import settings as configuration
from followup.store.config import default_db_url

configuration.enable_web()
globals().update(configuration.settings_for(default_db_url()))
from followup.web.secret import load_or_create  # noqa: E402 (after the configuration)

SECRET_KEY = load_or_create(configuration.data_dir())
