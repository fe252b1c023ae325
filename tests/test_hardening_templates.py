"""Item 6 of issue 8: a user template cannot exhaust the machine or read outside its folder."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest

from catalogue.records import PROFILE, action, opportunity, settings_for
from followup.domain.messages import BrokenTemplate, TemplateProblem, UnsafeTemplate, draft
from followup.domain.messages.render import clear_cache
from followup.domain.model import ActionKind


@pytest.fixture(autouse=True)
def fresh_templates():
    clear_cache()
    yield
    clear_cache()


def thank_you(folder: Path):
    opp = opportunity()
    return draft(PROFILE, opp, action(ActionKind.THANK_YOU, "jane"), settings_for(opp),
                 templates_dir=folder)


def _template(folder: Path, body: str) -> Path:
    path = folder / "thank_you.j2"
    path.write_text("{% set subject %}Thanks{% endset %}{% set body %}" + body + "{% endset %}")
    return path


HEAVY = [
    "{{ 'a' * 10**9 }}{{ 'b' * 10**9 }}",  # the issue's own example
    "{{ [0] * 10**9 }}",
    "{{ 10 ** (10 ** 10) }}",
    "{{ (10 ** 1000) * (10 ** 1000) * (10 ** 1000) * (10 ** 1000) * (10 ** 1000) }}",
    "{% set ns = namespace(a='a') %}{% for i in range(60) %}{% set ns.a = ns.a ~ ns.a %}"
    "{% endfor %}{{ ns.a }}",
    "{% set ns = namespace(a='a') %}{% for i in range(60) %}{% set ns.a = ns.a + ns.a %}"
    "{% endfor %}{{ ns.a }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in range(99999) %}{{ 'a' * 99999 }}{% endfor %}",
    "{% for i in range(99999) %}" + "constant text " * 20 + "{% endfor %}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
    "{{ '%0999999999d' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ 'x'.center(999999999) }}",
    "{{ 'x' | center(999999999) }}",
    "{{ ('a' * 99999) | replace('a', 'a' * 99999) }}",
    "{{ ('a' * 99999).replace('a', 'aa' * 9999) }}",
    "{{ ('a\n' * 49999) | indent(99999) }}",
    "{{ range(99999) | join('b' * 99999) }}",
    "{{ ('b' * 99999).join(range(99999) | map('string')) }}",
    "{{ ('a\t' * 49999).expandtabs(99999) }}",
    "{{ '%s' | format('x' * 99999) * 99999 }}",
    "{{ lipsum(99999) }}",
]


@pytest.mark.parametrize("body", HEAVY)
def test_a_heavy_user_template_is_stopped_quickly_with_a_clear_line(
    tmp_path: Path, body: str
) -> None:
    path = _template(tmp_path, body)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(TemplateProblem) as caught:
        thank_you(tmp_path)
    elapsed = time.monotonic() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    assert elapsed < 6, f"took {elapsed:.1f} s"
    assert grown_mb < 300, f"peak memory grew {grown_mb:.0f} MB"


def test_the_limit_is_named(tmp_path: Path) -> None:
    _template(tmp_path, "{{ 'a' * 10**9 }}")
    with pytest.raises(UnsafeTemplate, match=r"a value of 1000000000 characters or items"):
        thank_you(tmp_path)


def test_an_ordinary_user_template_with_loops_and_filters_still_renders(tmp_path: Path) -> None:
    _template(tmp_path, "{% for i in range(3) %}{{ me.name | upper }} {{ '%02d' % i }} "
              "{{ '{:>4}'.format(i) }}{% endfor %} {{ ['a', 'b'] | join(', ') }} "
              "{{ 'x' * 3 }} {{ 2 ** 10 }} {{ 'a' ~ 'b' }}")
    found = thank_you(tmp_path)
    assert "SAM LEE 00" in found.body and "a, b" in found.body and "xxx 1024 ab" in found.body


def test_a_symlink_in_the_template_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("{% set body %}the secret{% endset %}")
    folder = tmp_path / "templates"
    folder.mkdir()
    os.symlink(outside, folder / "thank_you.j2")
    with pytest.raises(BrokenTemplate, match="not a regular file in the template folder"):
        thank_you(folder)


def test_a_symlinked_subfolder_is_not_followed_either(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "thank_you.j2").write_text("{% set body %}elsewhere{% endset %}")
    folder = tmp_path / "templates"
    folder.mkdir()
    os.symlink(elsewhere, folder / "en")
    with pytest.raises(BrokenTemplate, match="symlinks are not followed"):
        thank_you(folder)


def test_a_huge_template_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "thank_you.j2").write_text("x" * (300 * 1024))
    with pytest.raises(BrokenTemplate, match="larger than 256 KB"):
        thank_you(tmp_path)
