"""Getting a process ready to serve pages: settings with the web apps, the
installation's secret key, and the tables of sessions and users."""

from __future__ import annotations

from followup import settings as configuration

_migrated: set[str] = set()


class WebSetupError(RuntimeError):
    """The process configured Django for the command line before the web asked."""


def setup(url: str) -> str:
    """Configure Django to serve `url`; returns the URL as the store resolved it."""
    from django.conf import settings

    configuration.enable_web()
    from followup import store

    url = store.setup(url)
    if "followup.web.apps.WebConfig" not in settings.INSTALLED_APPS:
        raise WebSetupError("Django was configured without the web apps in this process")
    from followup.web.secret import load_or_create

    settings.SECRET_KEY = load_or_create(configuration.data_dir())
    if url not in _migrated:
        _migrate_web_tables()
        _migrated.add(url)
    from followup.web import today_cache

    today_cache.clear()  # what it kept was of the record set up before
    return url


def _migrate_web_tables() -> None:
    """Sessions, users and content types: Django's own migrations, when behind."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def keep_connections() -> None:
    """A serving process keeps its database connections between requests.

    Opening one (SQLite's pragmas, PostgreSQL's handshake) cost about a third
    of a Today request; each server thread keeps its own, checked before use
    on PostgreSQL (a restarted server drops them). The command line and the
    tests keep Django's default: one connection per request.
    """
    from django.db import connections

    connections.close_all()
    config = connections.settings["default"]
    config["CONN_MAX_AGE"] = 600
    config["CONN_HEALTH_CHECKS"] = config["ENGINE"].endswith("postgresql")
