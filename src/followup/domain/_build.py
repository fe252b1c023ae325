"""Which build of the domain is running, and a refusal to run a stale one.

The opt-in compiled planner (setup.py, `make compiled`) puts C extensions
beside the modules' .py files, and Python imports an extension before the
.py of the same name: edit planner.py with an old extension in place and the
old planner runs, silently. So the build records the checksum of every source
it compiled (_compiled.txt), and importing followup.domain compares them with
the .py files there now. Without extensions it costs one directory listing.
"""

from __future__ import annotations

import os

# Every name in importlib.machinery.EXTENSION_SUFFIXES ends so (CPython on POSIX,
# Windows), without importing importlib at start-up for it.
EXTENSIONS = (".so", ".pyd")
RECORD = "_compiled.txt"  # written by setup.py's build_ext, beside the extensions
# mypyc's shared library, which the compiled modules load (setup.py's group_name)
NATIVE = "_native__mypyc"
REMEDY = "run `make compiled` to rebuild them, or `make pure` to run the Python sources"


class StaleBuildError(ImportError):
    """Compiled modules that do not match the sources beside them."""


def compiled_modules(directory: str) -> tuple[str, ...]:
    """The modules of `directory` that run compiled: none for the pure package.

    Raises StaleBuildError when a source there changed since its extension was
    built, an extension the build recorded is gone, or one was left by another build.
    """
    built = {name.partition(".")[0] for name in os.listdir(directory) if name.endswith(EXTENSIONS)}
    if not built:
        return ()
    built.discard(NATIVE)
    recorded = _read_record(directory)
    problems = []
    if changed := [n for n in recorded if n in built and _source_changed(directory, n, recorded)]:
        problems.append(f"{', '.join(f'{n}.py' for n in changed)} changed since the build")
    if missing := [n for n in recorded if n not in built]:
        problems.append(f"no extension for {', '.join(missing)}")
    if leftover := sorted(built - recorded.keys()):
        problems.append(f"no build record for {', '.join(leftover)}")
    if problems:
        raise StaleBuildError(
            f"the compiled modules in {directory} are stale "
            f"({'; '.join(problems)}): {REMEDY}"
        )
    return tuple(recorded)


def _read_record(directory: str) -> dict[str, int]:
    """Module name -> checksum of the source it was compiled from, as the build wrote them."""
    try:  # bytes: a text file would load a codec at every start
        with open(os.path.join(directory, RECORD), "rb") as record:
            lines = [line.split() for line in record]
    except FileNotFoundError:
        return {}
    try:
        return {fields[0].decode(): int(fields[1], 16) for fields in lines if len(fields) == 2}
    except ValueError:  # not as the build writes it: as if there were none
        return {}


def _source_changed(directory: str, name: str, recorded: dict[str, int]) -> bool:
    import zlib  # only for a compiled build: the pure package never loads it here

    try:
        with open(os.path.join(directory, f"{name}.py"), "rb") as source:
            return zlib.crc32(source.read()) != recorded[name]
    except FileNotFoundError:
        return True


MODULES = compiled_modules(os.path.dirname(__file__))
COMPILED = bool(MODULES)
