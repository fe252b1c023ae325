"""The catalogue: hand-written messages and the findings each must get (R17)."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from followup.domain.messages import check
from followup.domain.settings import PlaybookSettings, apply_overrides

CATALOGUE = tomllib.loads((Path(__file__).parent / "catalogue" / "checks.toml").read_text())
CASES: list[dict[str, Any]] = CATALOGUE["case"]


def test_the_catalogue_is_big_enough_and_has_good_and_bad_texts() -> None:
    assert len(CASES) >= 30
    assert sum(1 for case in CASES if not case["findings"]) >= 10
    assert sum(1 for case in CASES if case["findings"]) >= 20
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_catalogue(case: dict[str, Any]) -> None:
    settings = apply_overrides(replace(PlaybookSettings()), case.get("settings", {}))
    text = case["text"]
    found = check(case["kind"], text, settings=settings)
    assert sorted({f"{f.severity.value}:{f.code}" for f in found}) == sorted(case["findings"])
    for code, expected in case.get("spans", {}).items():
        assert expected in [text[f.start:f.end] for f in found if f.code == code]
    for finding in found:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.message.endswith(".") and len(finding.message.split()) >= 5
