"""Bounds on user templates: the size of what they build, their steps, their time.

Jinja2's sandbox stops a template reaching Python internals, but not
`{{ 'a' * 10**9 }}`, a loop in a loop in a loop, or a macro that calls itself
twice. A user template (a folder given with --templates, or later uploaded
in the hosted mode) renders in `GuardedSandbox`, which checks:

- every operator that can grow a value (`*`, `**`, `+`, `%`), every `~`
  concatenation, every call and filter, before it runs where the size can
  be told in advance and on its result otherwise (limits.MAX_TEMPLATE_VALUE);
- every loop iteration and call against a step budget and a time budget
  (limits.MAX_TEMPLATE_STEPS, limits.TEMPLATE_SECONDS);
- everything output, constant text included, against a total
  (limits.MAX_TEMPLATE_OUTPUT).

The built-in templates are trusted and render in the plain sandbox, as fast
as before. The folder loader reads only regular files inside the folder.
"""

from __future__ import annotations

import contextlib
import functools
import os
import posixpath
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from jinja2 import nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.loaders import BaseLoader, split_template_path
from jinja2.runtime import Context, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from followup.domain import limits


class TemplateTooCostly(SecurityError):
    """A user template went past one of the bounds; the message says which."""


class _Budget:
    __slots__ = ("deadline", "output", "steps")

    def __init__(self) -> None:
        self.deadline = time.monotonic() + limits.TEMPLATE_SECONDS
        self.steps = 0
        self.output = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > limits.MAX_TEMPLATE_STEPS:
            raise TemplateTooCostly(
                f"more than {limits.MAX_TEMPLATE_STEPS} loop steps and calls")
        if self.steps % 64 == 0 and time.monotonic() > self.deadline:
            raise TemplateTooCostly(f"took more than {limits.TEMPLATE_SECONDS:g} seconds")

    def emit(self, size: int) -> None:
        self.output += size
        if self.output > limits.MAX_TEMPLATE_OUTPUT:
            raise TemplateTooCostly(
                f"wrote more than {limits.MAX_TEMPLATE_OUTPUT} characters")


_BUDGET: ContextVar[_Budget | None] = ContextVar("followup_template_budget", default=None)


@contextlib.contextmanager
def budget() -> Iterator[None]:
    """One rendering's budget: steps, time and output start from zero."""
    token = _BUDGET.set(_Budget())
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _step() -> None:
    current = _BUDGET.get()
    if current is not None:
        current.step()


# --- sizes -----------------------------------------------------------------------------

_SIZED = (str, bytes, list, tuple, dict, set, frozenset)


def _too_big(size: int, what: str = "a value") -> TemplateTooCostly:
    return TemplateTooCostly(
        f"{what} of {size} characters or items (at most {limits.MAX_TEMPLATE_VALUE})")


def check_value(value: Any) -> Any:
    if isinstance(value, _SIZED) and len(value) > limits.MAX_TEMPLATE_VALUE:
        raise _too_big(len(value))
    if isinstance(value, int) and value.bit_length() > limits.MAX_INT_BITS:
        raise TemplateTooCostly(f"a number of more than {limits.MAX_INT_BITS} bits")
    return value


def _check_size(size: int) -> None:
    if size > limits.MAX_TEMPLATE_VALUE:
        raise _too_big(size)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "*":
        if ints:
            if left.bit_length() + right.bit_length() > limits.MAX_INT_BITS:
                raise TemplateTooCostly(f"a number of more than {limits.MAX_INT_BITS} bits")
        elif isinstance(left, _SIZED) and isinstance(right, int):
            _check_size(len(left) * right)
        elif isinstance(right, _SIZED) and isinstance(left, int):
            _check_size(len(right) * left)
    elif operator == "**" and ints and abs(left) > 1 and right > 0:
        if right * left.bit_length() > limits.MAX_INT_BITS:
            raise TemplateTooCostly(f"a number of more than {limits.MAX_INT_BITS} bits")
    elif operator == "+" and isinstance(left, _SIZED) and isinstance(right, _SIZED):
        _check_size(len(left) + len(right))
    elif operator == "%" and isinstance(left, str):
        _check_format(left)


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\d*)(?:\.(\d*))?")
_BRACE_SPEC = re.compile(r"\{[^{}]*:([^{}]*)\}")
_NUMBER = re.compile(r"\d+")


def _check_format(text: str) -> None:
    """Widths and precisions in a format string (`%0999999999d`, `{:>999999999}`)."""
    numbers = [n for spec in _PERCENT_SPEC.findall(text) for n in spec if n]
    numbers += [n for spec in _BRACE_SPEC.findall(text) for n in _NUMBER.findall(spec)]
    for number in numbers:
        if len(number) > 6 or int(number) > limits.MAX_TEMPLATE_VALUE:
            raise TemplateTooCostly(f"a format width of {limits.shown(number, 12)}")


def _check_arguments(args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and (
            abs(value) > limits.MAX_TEMPLATE_VALUE
        ):
            raise TemplateTooCostly(f"an argument of {limits.shown(str(value), 12)}")


def _predict_str_method(text: str, name: str, args: tuple[Any, ...]) -> None:
    """The size of a string method's result, before it is built."""
    if name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        old, new = args[0], args[1]
        count = text.count(old) if old else len(text) + 1
        _check_size(len(text) + count * (len(new) - len(old)))
    elif name == "join" and args and isinstance(args[0], list):
        _check_size(sum(len(str(part)) for part in args[0]) + len(text) * len(args[0]))
    elif name == "expandtabs":
        width = args[0] if args and isinstance(args[0], int) else 8
        _check_size(len(text) + text.count("\t") * width)
    elif name in {"format", "format_map"}:
        _check_format(text)


def _check_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    _check_arguments(args, kwargs)
    method = getattr(function, "__wrapped__", function)  # the sandbox wraps str.format
    receiver = getattr(method, "__self__", None)
    if isinstance(receiver, str):
        _predict_str_method(receiver, getattr(method, "__name__", ""), args)


def _guarded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that checks its arguments first and its result after."""

    @functools.wraps(function)  # keeps jinja_pass_arg (pass_eval_context ...)
    def run(*args: Any, **kwargs: Any) -> Any:
        _step()
        _check_arguments(args, kwargs)
        if name == "join" and len(args) >= 2:  # (eval_ctx, value, separator ...)
            args = (args[0], list(args[1]), *args[2:])
        _predict_filter(name, args, kwargs)
        return check_value(function(*args, **kwargs))

    return run


@functools.wraps(generate_lorem_ipsum)
def _bounded_lipsum(n: int = 5, *args: Any, **kwargs: Any) -> Any:
    if n > 20:  # each paragraph is up to 100 words: a small number builds megabytes
        raise TemplateTooCostly(f"lipsum of {limits.shown(str(n), 12)} paragraphs (at most 20)")
    return generate_lorem_ipsum(n, *args, **kwargs)


def _predict_filter(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """The size of a filter's result, for the filters that can multiply their input."""
    texts = [a for a in args if isinstance(a, str)]
    if name == "replace" and len(texts) >= 3:
        _predict_str_method(texts[0], "replace", tuple(texts[1:3]))
    elif name == "indent" and texts:
        width = kwargs.get("width", args[1] if len(args) > 1 else 4)
        per_line = len(width) if isinstance(width, str) else int(width)
        _check_size(len(texts[0]) + (texts[0].count("\n") + 1) * per_line)
    elif name == "format" and texts:
        _check_format(texts[0])
    elif name == "join" and len(args) >= 2 and isinstance(args[1], list):
        separator = kwargs.get("d", args[2] if len(args) > 2 else "")
        parts = sum(len(str(part)) for part in args[1])
        _check_size(parts + len(str(separator)) * len(args[1]))


# --- the environment ------------------------------------------------------------------


class _GuardedCode(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # `a ~ b` compiles to str_join((a, b)): route it through the guard.
        self.write("environment.guarded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


@pass_context
def _count_output(context: Context, value: Any) -> Any:
    current = _BUDGET.get()
    if current is not None:
        current.emit(len(value) if isinstance(value, str) else len(str(value)))
    return value


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with bounded sizes, steps, time and output."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _GuardedCode

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_count_output, **options)
        self.globals["lipsum"] = _bounded_lipsum
        self.filters = {name: _guarded_filter(name, f) for name, f in self.filters.items()}

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _step()
        _check_binop(operator, left, right)
        return check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _step()
        if isinstance(getattr(__obj, "__self__", None), str) and (
            getattr(__obj, "__name__", "") == "join" and args
        ):
            args = (list(args[0]), *args[1:])  # sized, so the result can be told in advance
        _check_call(__obj, args, kwargs)
        return check_value(super().call(__context, __obj, *args, **kwargs))

    def guarded_join(self, parts: tuple[Any, ...]) -> str:
        texts = [str(part) for part in parts]
        _check_size(sum(map(len, texts)))
        return str_join(texts)

    def guarded_loop(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            _step()
            yield item

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            guard = nodes.EnvironmentAttribute("guarded_loop")
            loop.iter = nodes.Call(guard, [loop.iter], [], None, None, lineno=loop.lineno)
        for output in tree.find_all(nodes.Output):
            # Constant text is output through finalize too, so it is counted
            # (a loop can repeat it as often as it repeats anything else).
            output.nodes = [
                nodes.Const(child.data, lineno=child.lineno)
                if isinstance(child, nodes.TemplateData) else child
                for child in output.nodes
            ]
        return tree


class FolderLoader(BaseLoader):
    """Templates from the user's folders: regular files inside them, nothing else.

    A symlink (to /etc/passwd, or to a folder elsewhere) is refused rather
    than followed, and so is a file larger than limits.MAX_TEMPLATE_FILE.
    """

    def __init__(
        self, root: str, subfolders: list[str], problem: Callable[[str], Exception]
    ) -> None:
        self.root = os.path.realpath(root)
        self.folders = [posixpath.join(self.root, sub) if sub else self.root for sub in subfolders]
        self.problem = problem

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.folders:
            path = posixpath.join(folder, *pieces)
            try:
                info = os.lstat(path)
            except OSError:
                continue
            return self._read(path, info)
        raise TemplateNotFound(template)

    def _read(self, path: str, info: os.stat_result) -> tuple[str, str, Callable[[], bool]]:
        inside = os.path.realpath(path).startswith(self.root + os.sep)
        if not stat.S_ISREG(info.st_mode) or not inside:
            raise self.problem(f"{path}: not a regular file in the template folder "
                               "(symlinks are not followed)")
        if info.st_size > limits.MAX_TEMPLATE_FILE:
            raise self.problem(f"{path}: larger than {limits.MAX_TEMPLATE_FILE // 1024} KB")
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, encoding="utf-8") as handle:
            contents = handle.read()
        mtime = info.st_mtime

        def uptodate() -> bool:
            try:
                return os.lstat(path).st_mtime == mtime
            except OSError:
                return False

        return contents, path, uptodate
