"""Shell completion (bash, zsh, fish: Click's) of refs and action keys from the record.

Turned on with, for bash, `eval "$(_FOLLOWUP_COMPLETE=bash_source followup)"`
(docs/commands.md has zsh and fish). Completing must never fail loudly: a
record that cannot be read completes nothing.
"""

from __future__ import annotations

from typing import Any

import click
from click.shell_completion import CompletionItem


def _owner() -> Any:
    """The local owner of the record --db names (completion runs before any command)."""
    from followup import store
    from followup.store.config import default_db_url
    from followup.store.owner import local_owner

    ctx = click.get_current_context(silent=True)
    url = (ctx.find_root().meta.get("followup.db") if ctx else None) or default_db_url()
    store.setup(url)
    return local_owner()


def complete_opportunity(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    try:
        from followup.services.read import opportunity_refs

        return [CompletionItem(ref) for ref in opportunity_refs(_owner())
                if ref.startswith(incomplete)]
    except Exception:  # completion is a convenience; never a traceback in the shell
        return []


def complete_contact(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    try:
        from followup.services.read import opportunity_record

        ref = ctx.params.get("opportunity")
        if not ref:
            return []
        contacts = opportunity_record(_owner(), ref).contacts
        return [CompletionItem(c.ref, help=c.name) for c in contacts
                if c.ref.startswith(incomplete)]
    except Exception:  # as above
        return []


def complete_key(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    try:
        from followup.cli.base import now
        from followup.domain.entry import short_id
        from followup.services.actions import planned_keys

        keys = planned_keys(_owner(), now())
        found = [CompletionItem(k) for k in keys if k.startswith(incomplete)]
        if not found and incomplete:
            found = [CompletionItem(short_id(k), help=k) for k in keys
                     if short_id(k).startswith(incomplete)]
        return found
    except Exception:  # as above
        return []
