"""How well the courtesy check (R17) tells pressure from politeness.

Reads the labelled sentences of tests/corpus/tone.toml, places each inside an
otherwise complete, courteous follow-up (so only its tone is judged), runs
`check("follow_up", ...)` and counts the tone findings on that sentence.

    python bench/check_corpus.py [--split train|held_out|all] [--misses]

Positive: a pushy, passive-aggressive or hostile sentence. Flagged: at least
one tone finding of severity error (a send is refused while one stands).
Prints precision and recall on train, held-out and all; needy sentences'
share with a tone warning or error; and the polite ones with an error (goal:
none) or a warning. Goal on held-out (issue 9): recall >= 0.9.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from followup.domain.messages import Severity, check

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "tone.toml"
PRESSURE = frozenset({"pushy", "passive_aggressive", "hostile"})
COURTEOUS = frozenset({"polite", "neutral", "non_native"})
SPLITS = ("train", "held_out", "fresh", "all")

BEFORE = """Subject: Checking in on the Product Manager role

Hi Jane,

I hope your week is going well. When we met on Friday 20 November, you expected to \
decide around Friday 4 December, so I wanted to check in. """
AFTER = """ I'm still very interested in the Product Manager role and in joining Acme. \
Could you let me know where things stand?

If it would help, I'm happy to send references or work samples, or to talk again.

Best regards,
Sam Lee
"""


@dataclass(frozen=True, slots=True)
class Judged:
    label: str
    split: str
    text: str
    errors: tuple[str, ...]  # tone codes at error severity on the sentence
    warnings: tuple[str, ...]


def sentences(path: Path = CORPUS) -> list[dict[str, str]]:
    with path.open("rb") as handle:
        return list(tomllib.load(handle)["sentence"])


def judge(entry: dict[str, str]) -> Judged:
    text = BEFORE + entry["text"] + AFTER
    start, end = len(BEFORE), len(BEFORE) + len(entry["text"])
    tone = [f for f in check("follow_up", text)
            if f.code.startswith("tone-") and f.start < end and f.end > start]
    return Judged(entry["label"], entry["split"], entry["text"],
                  tuple(f.code for f in tone if f.severity is Severity.ERROR),
                  tuple(f.code for f in tone if f.severity is Severity.WARNING))


def base_findings() -> list[str]:
    """The frame alone must pass every check, so a finding is the sentence's doing."""
    return [f.code for f in check("follow_up", BEFORE + "I hope all is well." + AFTER)]


@dataclass(frozen=True, slots=True)
class Score:
    count: int
    precision: float
    recall: float
    needy_caught: float
    polite_errors: int
    polite_warnings: int


def score(judged: list[Judged]) -> Score:
    positives = [j for j in judged if j.label in PRESSURE]
    flagged = [j for j in judged if j.errors and j.label in PRESSURE | COURTEOUS]
    hits = [j for j in flagged if j.label in PRESSURE]
    needy = [j for j in judged if j.label == "needy"]
    polite = [j for j in judged if j.label in COURTEOUS]
    return Score(
        count=len(judged),
        precision=len(hits) / len(flagged) if flagged else 1.0,
        recall=len([j for j in positives if j.errors]) / len(positives) if positives else 1.0,
        needy_caught=(len([j for j in needy if j.errors or j.warnings]) / len(needy)
                      if needy else 1.0),
        polite_errors=len([j for j in polite if j.errors]),
        polite_warnings=len([j for j in polite if j.warnings and not j.errors]),
    )


def of_split(judged: list[Judged], split: str) -> list[Judged]:
    return judged if split == "all" else [j for j in judged if j.split == split]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default=None,
                        help="list misses for this split only (with --misses)")
    parser.add_argument("--misses", action="store_true",
                        help="list the sentences judged wrongly")
    args = parser.parse_args()
    if base_findings():
        print(f"the frame itself has findings: {base_findings()}", file=sys.stderr)
        return 1
    judged = [judge(entry) for entry in sentences()]
    print(f"{len(judged)} sentences; positive = pushy, passive-aggressive or hostile; "
          "flagged = a tone error")
    for split in SPLITS:
        s = score(of_split(judged, split))
        print(f"{split:>9}: n={s.count:3d}  precision {s.precision:.3f}  recall {s.recall:.3f}"
              f"  needy warned {s.needy_caught:.2f}  courteous with an error {s.polite_errors}"
              f"  with a warning {s.polite_warnings}")
    if args.misses:
        for j in of_split(judged, args.split or "train"):
            wrong = ((j.label in PRESSURE and not j.errors) or (j.label in COURTEOUS and j.errors)
                     or (j.label == "needy" and not (j.errors or j.warnings)))
            if wrong:
                print(f"  {j.label:>18} {j.errors or j.warnings or '-'}: {j.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
