"""The one configuration module: the Django settings the store and the web both read.

The command line builds these lazily through `settings_for(url)` and
`django.conf.settings.configure` (from `followup.store.setup`), so commands
that need no database never import Django. The web apps (sessions, auth,
pages, API) are installed only once `enable_web()` was called before the
first setup, so the command line does not pay for loading them.

The secret key is not here: `followup.web.boot` reads it from the data
folder (made on first use, owner-only), because only the web signs anything.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from followup.store.config import database_config

DATA_DIR_ENV = "FOLLOWUP_DATA_DIR"
_mode = {"web": False}

STORE_APPS = ["followup.store.apps.StoreConfig"]
WEB_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "followup.web.apps.WebConfig",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "followup.web.security.HostOnlyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "followup.web.security.SecurityHeadersMiddleware",
]
# Loopback names only: a page served on 127.0.0.1 refuses a rebinding DNS name.
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]


def enable_web() -> None:
    """Install the web apps at the next (first) configuration of this process."""
    _mode["web"] = True


def web_enabled() -> bool:
    return _mode["web"]


def data_dir() -> Path:
    """The user's data folder (FOLLOWUP_DATA_DIR overrides it)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("followup", appauthor=False))


def settings_for(url: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "DEBUG": False,
        "INSTALLED_APPS": list(STORE_APPS),
        "DATABASES": {"default": database_config(url)},
        "USE_TZ": True,
        "TIME_ZONE": "UTC",
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        # Logging configuration costs an import the command line does not need.
        "LOGGING_CONFIG": None,
        "ROOT_URLCONF": "followup.web.urls",
        "ALLOWED_HOSTS": list(LOCAL_HOSTS),
    }
    if web_enabled():
        values.update(_web_settings())
    return values


def _web_settings() -> dict[str, Any]:
    return {
        "INSTALLED_APPS": [*WEB_APPS, *STORE_APPS],
        "MIDDLEWARE": list(MIDDLEWARE),
        "AUTHENTICATION_BACKENDS": [
            # The local user signs in by the link `serve` and `login` print;
            # Django's own (passwords) stays beside it for the hosted mode.
            "followup.web.signin.SignInLinkBackend",
            "django.contrib.auth.backends.ModelBackend",
        ],
        "TEMPLATES": [{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csrf",
                "django.contrib.auth.context_processors.auth",
            ]},
        }],
        "STATIC_URL": "/static/",
        "STATIC_ROOT": None,
        "WHITENOISE_USE_FINDERS": True,
        "WHITENOISE_AUTOREFRESH": False,
        "LOGIN_URL": "/signin/",
        "SESSION_ENGINE": "followup.web.sessions",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_AGE": 14 * 24 * 3600,
        "SESSION_COOKIE_NAME": "followup_session",
        "CSRF_COOKIE_NAME": "followup_csrf",
        "CSRF_COOKIE_SAMESITE": "Strict",
        "CSRF_FAILURE_VIEW": "followup.web.security.csrf_failure",
        # same-origin, not no-referrer: with no-referrer browsers send `Origin: null`
        # on form posts, which CSRF rightly refuses; other sites still get nothing.
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 20 * 1024 * 1024,
        "NINJA_PAGINATION_PER_PAGE": 100,
    }
