"""The opt-in compiled planner (setup.py, `make compiled`) and its guard against a stale build.

The guard's logic runs on fake packages in both builds; the real thing (a
compiled module whose source was edited) only when the build in place is compiled,
which `make test-compiled` arranges, and then it insists on it.
"""

from __future__ import annotations

import importlib
import os
import runpy
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import followup.domain
from followup.domain import _build
from followup.domain._build import StaleBuildError, compiled_modules

ROOT = Path(__file__).parents[1]
DOMAIN = Path(followup.domain.__file__).parent
LISTED = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "tool"]["followup"]["compiled"]["modules"]
# `make test-compiled` sets it: the build asked for must be the build that runs.
EXPECTED = os.environ.get("FOLLOWUP_EXPECT_BUILD")
EXTENSION = ".cpython-311-x86_64-linux-gnu.so"  # any name ending in .so will do for the guard


def test_every_listed_module_runs_as_the_build_says() -> None:
    files = {name: importlib.import_module(f"followup.domain.{name}").__file__ for name in LISTED}
    compiled = {name for name, file in files.items() if not str(file).endswith(".py")}
    assert compiled == (set(LISTED) if followup.domain.COMPILED else set())
    assert sorted(_build.MODULES) == (sorted(LISTED) if followup.domain.COMPILED else [])


@pytest.mark.skipif(EXPECTED is None, reason="no build asked for (FOLLOWUP_EXPECT_BUILD)")
def test_the_build_asked_for_is_the_one_running() -> None:
    assert EXPECTED in ("pure", "compiled")
    running = "compiled" if followup.domain.COMPILED else "pure"
    assert running == EXPECTED, f"{EXPECTED} build asked for, but {DOMAIN} holds the {running} one"


# The guard, on fake packages: the record as setup.py writes it, empty "extensions".

def _record(package: Path, names: list[str]) -> None:
    setup = runpy.run_path(str(ROOT / "setup.py"), run_name="followup_setup")
    text = setup["_checksums"]([package / f"{name}.py" for name in names])
    (package / setup["RECORD"]).write_text(text, encoding="ascii")


def _package(tmp_path: Path, names: list[str], *, record: bool = True) -> Path:
    for name in names:
        (tmp_path / f"{name}.py").write_text(f"WHO = {name!r}\n", encoding="utf-8")
        (tmp_path / f"{name}{EXTENSION}").write_bytes(b"")
    (tmp_path / f"{_build.NATIVE}{EXTENSION}").write_bytes(b"")
    if record:
        _record(tmp_path, names)
    return tmp_path


def _refusal(package: Path) -> str:
    with pytest.raises(StaleBuildError) as refused:
        compiled_modules(str(package))
    message = str(refused.value)
    assert "\n" not in message
    assert message.endswith("run `make compiled` to rebuild them, or `make pure` to run the "
                            "Python sources")
    return message


def test_pure_sources_are_the_pure_build(tmp_path: Path) -> None:
    (tmp_path / "planner.py").write_text("", encoding="utf-8")
    (tmp_path / _build.RECORD).write_text("planner 00000000\n", encoding="ascii")  # left over
    assert compiled_modules(str(tmp_path)) == ()


def test_extensions_built_from_the_sources_there_are_the_compiled_build(tmp_path: Path) -> None:
    package = _package(tmp_path, ["planner", "wait"])
    assert compiled_modules(str(package)) == ("planner", "wait")


def test_an_edited_source_refuses_the_import_and_says_what_to_run(tmp_path: Path) -> None:
    package = _package(tmp_path, ["planner", "wait", "facts"])
    (package / "wait.py").write_text("WHO = 'edited'\n", encoding="utf-8")
    (package / "facts.py").unlink()
    assert "(wait.py, facts.py changed since the build)" in _refusal(package)


def test_extensions_without_a_record_are_refused(tmp_path: Path) -> None:
    package = _package(tmp_path, ["planner"], record=False)
    assert "(no build record for planner)" in _refusal(package)
    (package / _build.RECORD).write_bytes(b"planner not-a-checksum\n")
    assert "(no build record for planner)" in _refusal(package)


def test_a_recorded_extension_gone_or_an_extra_one_is_refused(tmp_path: Path) -> None:
    package = _package(tmp_path, ["planner", "wait"])
    (package / f"wait{EXTENSION}").unlink()
    (package / f"quiet{EXTENSION}").write_bytes(b"")
    assert "(no extension for wait; no build record for quiet)" in _refusal(package)


# The real compiled build: a copy of the package with one source edited.

@pytest.fixture
def edited_copy(tmp_path: Path) -> Path:
    if not followup.domain.COMPILED:
        pytest.skip("the build in place is pure (`make test-compiled` runs this)")
    shutil.copytree(DOMAIN.parent, tmp_path / "followup",
                    ignore=shutil.ignore_patterns("__pycache__"))
    with (tmp_path / "followup" / "domain" / "planner.py").open("a", encoding="utf-8") as source:
        source.write("# an edit the extension has not seen\n")
    return tmp_path


def _run(copy: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(copy), "FOLLOWUP_DATA_DIR": str(copy)}
    return subprocess.run([sys.executable, *arguments], capture_output=True, text=True,
                          env=environment, timeout=60, check=False)


def test_a_stale_compiled_module_never_runs(edited_copy: Path) -> None:
    imported = _run(edited_copy, "-c", "import followup.domain.planner")
    assert imported.returncode == 1
    assert imported.stderr.splitlines()[-1] == (
        f"followup.domain._build.StaleBuildError: the compiled modules in "
        f"{edited_copy / 'followup' / 'domain'} are stale (planner.py changed since the "
        "build): run `make compiled` to rebuild them, or `make pure` to run the Python sources")


def test_the_cli_says_it_in_one_line(edited_copy: Path) -> None:
    shown = _run(edited_copy, "-m", "followup.cli", "--help")
    assert (shown.returncode, shown.stdout) == (1, "")
    assert shown.stderr == (
        f"Error: the compiled modules in {edited_copy / 'followup' / 'domain'} are stale "
        "(planner.py changed since the build): run `make compiled` to rebuild them, or "
        "`make pure` to run the Python sources\n")
