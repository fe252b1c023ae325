"""Templates: Jinja2's sandbox, the user's folder first, then the built-ins.

Built-in templates live in `templates/<lang>/`, one file per action kind.
Each file sets the parts of its message as top-level variables (`subject`,
`body`, and for some kinds `voicemail`, `call_notes`, `advice`); rendering
it once yields them all. A user folder (`--templates DIR`) overrides any
file by name, from `DIR/<lang>/` or `DIR/` itself.

Everything renders in an immutable sandbox with strict undefined names, so a
template can read the variables it is given and nothing else. A user's
folder renders in the guarded sandbox of `guard`, which also bounds what a
template may build, how many steps it may take and for how long, and reads
only regular files inside the folder. Errors are reported with the
template's file and line.
"""

from __future__ import annotations

import contextlib
import re
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    PackageLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from followup.domain.messages.context import BR
from followup.domain.messages.guard import FolderLoader, GuardedSandbox, TemplateTooCostly, budget

DEFAULT_LANG = "en"
SUFFIX = ".j2"


class TemplateProblem(ValueError):
    """A template could not be used; the message names its file and line."""


class BrokenTemplate(TemplateProblem):
    """A syntax error, an unknown name, or a template that is missing."""


class UnsafeTemplate(TemplateProblem):
    """A template reached for Python internals; the sandbox stopped it."""


def _cap(text: str) -> str:
    """First letter upper case, the rest untouched (Jinja's `capitalize` lowers it)."""
    return text[:1].upper() + text[1:]


def _names(items: list[str], conjunction: str = "and") -> str:
    """'Raj', 'Raj and Mei', 'Raj, Mei and Ana'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, reading plain dicts by key first.

    Templates get their variables as nested dicts; `v.opening` looks the key
    up directly instead of first failing to find a `dict` attribute, which
    matters for speed and changes nothing for safety (keys are data).
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class _UserSandbox(GuardedSandbox, _Sandbox):
    """The sandbox for a user's own templates: bounded as well as confined."""


@lru_cache(maxsize=16)
def environment(
    user_dir: str | None = None, lang: str = DEFAULT_LANG
) -> ImmutableSandboxedEnvironment:
    """One sandbox per (folder, language), cached with its compiled templates."""
    loaders: list[BaseLoader] = []
    if user_dir is not None:
        folder = Path(user_dir)
        if not folder.is_dir():
            raise BrokenTemplate(f"template folder {user_dir} does not exist")
        loaders.append(FolderLoader(str(folder), [lang, ""], BrokenTemplate))
    loaders.append(PackageLoader("followup.domain.messages", f"templates/{lang}"))
    sandbox = _Sandbox if user_dir is None else _UserSandbox
    env = sandbox(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=user_dir is not None,
    )
    env.globals["br"] = BR
    env.filters["cap"] = _cap
    env.filters["names"] = _names
    return env


def parts(name: str, variables: dict[str, Any], *, user_dir: str | None = None,
          lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Render template `name` once; its exported string variables, tidied."""
    env = environment(user_dir, lang)
    bounded = budget() if user_dir is not None else contextlib.nullcontext()
    try:
        with bounded:
            module = template_module(env, name, variables)
    except TemplateProblem:
        raise
    except Exception:  # every template failure is reported the same way
        try:
            env.handle_exception()  # re-raises with the template's own file and line
        except Exception as rewritten:
            raise _explain(rewritten) from None
        raise  # pragma: no cover - handle_exception always raises
    exported = {
        key: value for key, value in vars(module).items()
        if isinstance(value, str) and not key.startswith("_")
    }
    return {key: tidy(value) for key, value in exported.items()}


def template_module(env: ImmutableSandboxedEnvironment, name: str,
                    variables: dict[str, Any]) -> Any:
    return _load(env, name + SUFFIX).make_module(variables)


def _load(env: ImmutableSandboxedEnvironment, name: str) -> Template:
    try:
        template: Template = env.get_template(name)
    except TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise BrokenTemplate(f"{where}, line {exc.lineno}: {exc.message}") from None
    except TemplateNotFound as exc:
        raise BrokenTemplate(f"no template named {exc.name}") from None
    return template


def _explain(exc: BaseException) -> TemplateProblem:
    where = _template_frame(exc)
    if isinstance(exc, TemplateTooCostly):
        return UnsafeTemplate(f"{where}: the template {exc}; it was stopped and nothing was "
                              "drafted")
    if isinstance(exc, SecurityError):
        return UnsafeTemplate(
            f"{where}: the template tried to reach Python internals ({exc}); the sandbox "
            "stopped it and nothing was drafted"
        )
    if isinstance(exc, TemplateSyntaxError):
        return BrokenTemplate(f"{exc.filename or exc.name}, line {exc.lineno}: {exc.message}")
    if isinstance(exc, TemplateNotFound):
        return BrokenTemplate(f"{where}: no template named {exc.name}")
    if isinstance(exc, TemplateError):
        return BrokenTemplate(f"{where}: {exc.message or exc}")
    return BrokenTemplate(f"{where}: {type(exc).__name__}: {exc}")


def _template_frame(exc: BaseException) -> str:
    """'…/thank_you.j2, line 12': the innermost frame that belongs to a template."""
    found = "a template"
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(SUFFIX):
            found = f"{frame.filename}, line {frame.lineno}"
    return found


_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.;:?!)])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def tidy(raw: str) -> str:
    """Template output to message text.

    Within a paragraph, line breaks in the template source become spaces, so
    templates can put each sentence or condition on its own line; lines that
    start with '- ' stay list items; `br` forces a line break; a blank line
    separates paragraphs.
    """
    paragraphs = []
    for chunk in _PARAGRAPH_BREAK.split(raw):
        text = ""
        for line in chunk.split("\n"):
            line = " ".join(line.split())
            if not line:
                continue
            joiner = "\n" if line.startswith("- ") and text else " "
            text = f"{text}{joiner}{line}" if text else line
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
        text = re.sub(rf" ?{BR} ?", "\n", text).strip()
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def clear_cache() -> None:
    """Forget compiled templates (tests that write template folders use this)."""
    environment.cache_clear()

