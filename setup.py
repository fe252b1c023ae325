"""The opt-in compiled planner: mypyc builds the hot domain modules as C extensions.

Everything about the package is declared in pyproject.toml; this file only adds
the extensions, and only when asked, so that a plain `pip install .` needs no
compiler and installs the pure-Python package:

    FOLLOWUP_COMPILE=1 pip install .                  # a wheel with the extensions
    make compiled                                     # in place, for the dev venv
    make pure                                         # back to pure Python

The modules to compile are listed once, in pyproject.toml under
[tool.followup.compiled]. Beside the extensions the build writes
followup/domain/_compiled.txt, the checksum of each module's source, which
followup.domain checks at import so that a stale extension never runs in
place of its edited .py (docs/performance.md, "Compiled planner").
"""

from __future__ import annotations

import os
import tomllib
import zlib
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PACKAGE = Path("src/followup/domain")
# Written beside the extensions, read by followup/domain/_build.py: keep the two in step.
RECORD = "_compiled.txt"
# The compiler's version decides the C it writes: the extensions are rebuilt,
# and tested, against this range only.
MYPY = "mypy>=2.4.1,<2.5"


def _config() -> tuple[list[str], list[str]]:
    """The modules to compile, and the runtime dependencies their types come from."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        pyproject = tomllib.load(file)
    modules = pyproject["tool"]["followup"]["compiled"]["modules"]
    # mypyc compiles from the types it sees: an isolated build needs holidays
    # (its pinned release) to type the calendar the way the dev venv does.
    typed_by = [dep for dep in pyproject["project"]["dependencies"] if dep.startswith("holidays")]
    return modules, typed_by


def _checksums(sources: list[Path]) -> str:
    """The record's text: each module and the checksum of the source it is built from."""
    return "".join(f"{path.stem} {zlib.crc32(path.read_bytes()):08x}\n" for path in sources)


class _BuildAndRecord(build_ext):
    """build_ext, then the record beside the extensions: written only once they are built,
    so that a failed build never vouches for extensions left over from an older one."""

    record = ""

    def run(self) -> None:
        super().run()
        package = PACKAGE if self.inplace else Path(self.build_lib) / PACKAGE.relative_to("src")
        if self.inplace:  # a module taken off the list must not keep running compiled
            built = {ext.name.rpartition(".")[2] for ext in self.extensions}
            for path in [*package.glob("*.so"), *package.glob("*.pyd")]:
                if path.name.partition(".")[0] not in built:
                    path.unlink()
        (package / RECORD).write_text(self.record, encoding="ascii")


def _extensions(modules: list[str]) -> list[object]:
    from mypyc.build import mypycify

    sources = [PACKAGE / f"{module}.py" for module in modules]
    # Read before mypyc reads them: a source edited during the build then reads as stale.
    _BuildAndRecord.record = _checksums(sources)
    return mypycify(
        # No config file: the project's [tool.mypy] loads the Django plugin,
        # which the domain (standard library and holidays only) does not need.
        ["--config-file=", "--strict", *map(str, sources)],
        # One shared library inside the package, not a hash-named top-level module.
        group_name="followup.domain._native",
    )


def main() -> None:
    if os.environ.get("FOLLOWUP_COMPILE") != "1":
        setup()  # the pure-Python package: pyproject.toml says it all
        return
    os.chdir(ROOT)
    compiled, typed_by = _config()
    try:
        import mypyc  # noqa: F401
    except ImportError:
        # A PEP 517 front end (pip) asks for the build requirements first: name them;
        # it then installs them and runs this file again to build.
        setup(setup_requires=[MYPY, *typed_by])
    else:
        setup(ext_modules=_extensions(compiled), cmdclass={"build_ext": _BuildAndRecord})


if __name__ == "__main__":  # as setuptools runs it; tests import the record's format
    main()
