"""R17's courtesy, read sentence by sentence: what a sentence does, not its exact words.

Pressure takes many forms and few of them are fixed phrases. A sentence is
an ultimatum when it holds a deadline and a demand, or a condition and a
consequence ("reply by Friday or I will withdraw"); a reproach when "you
said" meets a "but" ("you said you would call, yet nothing came"); counting
when it numbers the user's attempts ("my third email", "four times"). Each
rule here names an anchor (a cue class searched over the whole text) and
the cue classes that must meet it in the same sentence, or must not.

Cues are lower-case regular expressions run on the lower-cased text
(text.Phrases); an anchor runs only when one of its trigger strings occurs,
which keeps the drafts fast. Capitals are found on the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from followup.domain.messages.findings import Finding, Severity
from followup.domain.messages.text import Phrases
from followup.domain.messages.tone_cues import (
    ARCH,
    ARCH_TARGET,
    BROKEN,
    CONDITION,
    CONSEQUENCE,
    CONTACTING,
    COUNTED,
    COURTESY,
    DEADLINE,
    DEMAND,
    DURATION,
    ENTITLEMENT,
    EXPECTED,
    HOSTILE,
    LACK,
    LEVERAGE,
    NEEDY,
    NO_REPLY,
    ONCE_AGAIN,
    OR_NOT,
    PROMISE,
    REPEATED,
    SARCASM,
    SELF_OR_HASTE,
    SOUR_ASSUMPTION,
    SOUR_END,
    TELLING,
    TIMES,
)

E, W = Severity.ERROR, Severity.WARNING

@dataclass(frozen=True, slots=True)
class Rule:
    """A sentence that holds `anchor` and every `also`, and no `unless`, gets a finding.

    `gates` are cheap necessary conditions, checked on the whole text first: the
    regular expressions only run when every gate has one of its strings.
    """

    code: str
    severity: Severity
    message: str  # "{}" is the anchor's words
    gates: tuple[frozenset[str], ...]  # each group: one of its words must occur in the text
    anchor: Phrases
    also: tuple[Phrases, ...] = ()
    unless: tuple[Phrases, ...] = ()


def rule(code: str, severity: Severity, message: str, gates: tuple[str, ...],
         anchor: str, *also: str, unless: tuple[str, ...] = ()) -> Rule:
    """`gates`: groups of words (space-separated); a digit in the text counts as "#"."""
    return Rule(code, severity, message, tuple(frozenset(g.split()) for g in gates), cue(anchor),
                tuple(cue(p) for p in also), tuple(cue(p) for p in unless))


def cue(pattern: str) -> Phrases:
    """A cue class, compiled for speed.

    Python's regex engine skips quickly to positions where a branch can start,
    but only when no branch starts with `\\b`. Phrases checks the word boundary
    on every match of a pattern that starts with one, so the `\\b` at the head
    of each other top-level branch can go.
    """
    if not pattern.startswith("\\b"):
        return Phrases(pattern)
    return Phrases("\\b" + "|".join(b.removeprefix("\\b") for b in _branches(pattern[2:])))


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (outside groups and character classes)."""
    found, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            found.append(pattern[start:index])
            start = index + 1
        index += 1
    found.append(pattern[start:])
    return found


RULES: tuple[Rule, ...] = (
    rule("tone-pressure", E, "“{}” with a demand reads as an ultimatum. Ask about their "
         "timeline instead of setting one.",
         ("by before later until till within today tonight immediately earliest promptly week "
          "now", "know reply respond revert confirm decide back call offer send tell need want "
          "expect expecting require must insist appreciate like answer decision response yes "
          "hear"), DEADLINE, DEMAND),
    rule("tone-pressure", E, "“{}”: a condition with a consequence is an ultimatum. Leave the "
         "decision, and its timing, to them.",
         ("otherwise else not unless or if", "will i'll shall going"), CONDITION, CONSEQUENCE),
    rule("tone-pressure", E, "“{}” uses other options as leverage. Say what draws you to this "
         "role instead.", ("offer offers offered options interviews company companies employer "
                           "employers firm firms business businesses elsewhere competitor "
                           "competitors match want",), LEVERAGE, SELF_OR_HASTE),
    rule("tone-pressure", E, "“{}” sounds entitled. Nobody owes a candidate a decision; ask "
         "politely instead.", ("deserve owed entitled insist demand earned owe expect require "
                               "need want must",), ENTITLEMENT),
    rule("tone-pressure", E, "“{}” tells them how fast to move. Ask, don't push.",
         ("have need long soon quickly fast faster promptly until wait waiting hold",), TELLING),
    rule("tone-guilt", E, "“{}” holds them to a promise they did not keep. Ask where things "
         "stand instead.", ("said promised told assured mentioned committed",
                            "but yet still nothing instead gone passed been not never haven't "
                            "hasn't didn't and"), PROMISE, BROKEN),
    rule("tone-guilt", E, "“{}” counts your attempts, which reads as a reproach. Each note "
         "should stand on its own.",
         ("second third fourth fifth sixth seventh umpteenth two three four five six seven "
          "eight nine ten several multiple many numerous #",
          "email emails mail mails message messages attempt attempts follow voicemail "
          "voicemails call calls request requests reminder reminders note notes"), COUNTED),
    rule("tone-guilt", E, "“{}”: counting how often you wrote reads as a reproach. Each note "
         "should stand on its own.", ("times twice time",), TIMES, CONTACTING),
    rule("tone-pressure", E, "“{}” announces what you will conclude from their silence. Leave "
         "the door open instead.", ("assume take conclude",), SOUR_ASSUMPTION, SOUR_END),
    rule("tone-guilt", E, "“{}” counts the days against them. Say what you would like to "
         "happen next instead.", ("been days weeks months later week month",
                                  "no zero nothing not without still silence nobody one noone "
                                  "haven't hasn't"), DURATION, LACK),
    rule("tone-guilt", E, "“{}” reproaches them for not answering. Stay warm: delays are "
         "rarely about you.", ("zero single even whatsoever nothing silence heard nobody noone "
                               "anyone waiting response reply answer word update news "
                               "acknowledgement acknowledgment had got gotten received",),
         NO_REPLY),
    rule("tone-guilt", E, "“{}” reproaches them for not answering. Stay warm: delays are "
         "rarely about you.", ("courtesy least nice simple",), COURTESY),
    rule("tone-guilt", E, "“{}” holds your expectations against them. Say what you would like "
         "to happen next instead.", ("thought expected expecting long now mentioned said "
                                     "stated noted explained indicated wrote previously",),
         EXPECTED),
    rule("tone-guilt", E, "“{}” makes a point of writing again. Just say what you came to say.",
         ("again another",), ONCE_AGAIN),
    rule("tone-sarcasm", E, "“{}” reads as sarcasm, and sarcasm reads as anger. Say plainly "
         "what you would like.", ("guess assume forgot forgotten case spam nothing busy hard "
                                  "difficult",), SARCASM),
    rule("tone-sarcasm", E, "“{}” at the end reads as sarcasm. Say plainly what you would like.",
         ("not",), OR_NOT, unless=(r"\bwhether\b",)),
    rule("tone-sarcasm", E, "“{}” reads as sarcasm, and sarcasm reads as anger. Say plainly "
         "what you would like.", ("clearly obviously apparently evidently",), ARCH, ARCH_TARGET),
    rule("tone-negative", E, "“{}” is hostile. Nothing in a follow-up should read as an attack.",
         ("people job ignoring glassdoor review post posting posted dare pathetic amateurish "
          "telling tell warn warning warned treated joke mess farce shambles",), HOSTILE),
    rule("tone-needy", W, "“{}” can sound needy. Confidence reads better: restate your "
         "interest and what you offer.", ("checking refreshing watching sleep salary devastated "
                                          "counting change out anything falls really can't "
                                          "last anxious heartbroken wreck won't free rent bills "
                                          "mortgage chance opportunity shot don't",), NEEDY),
    rule("tone-needy", W, "“{}”: repeating a word pleads. Once is enough.",
         ("really so very please",), REPEATED),
)

_STOPS = ".!?\n"


def sentence_around(low: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end): from after the previous stop to the next one."""
    left = max(low.rfind(stop, 0, start) for stop in _STOPS) + 1
    rights = [at for stop in _STOPS if (at := low.find(stop, end)) != -1]
    right = min(rights) + 1 if rights else len(low)
    return left, right


_DIGIT = re.compile(r"\d")
# Everything but letters, digits and apostrophes becomes a space (str.translate is fast).
_SEPARATORS = {code: " " for code in range(128) if not chr(code).isalnum() and chr(code) != "'"}
_SEPARATORS.update({ord(c): " " for c in "“”‘—–…"})
_SEPARATORS[ord("’")] = "'"


def words_of(low: str) -> set[str]:
    """The words of a lower-cased text ("haven't" is one), and "#" when it has a digit."""
    found = {word.strip("'") for word in low.translate(_SEPARATORS).split()}
    if _DIGIT.search(low):
        found.add("#")
    return found


def rule_findings(text: str, low: str) -> Iterator[Finding]:
    present = words_of(low)
    for found in RULES:
        if any(gate.isdisjoint(present) for gate in found.gates):
            continue
        # The anchor's own gate says where it can be: search only those sentences.
        for left, right in _sentences_with(low, found.gates[0] & present):
            for match in found.anchor.finditer(low, left, right):
                if all(p.search(low, left, right) for p in found.also) and not any(
                        p.search(low, left, right) for p in found.unless):
                    words = " ".join(text[match.start():match.end()].split()).strip(" ,.")
                    yield Finding(found.severity, found.code, found.message.format(words),
                                  match.start(), match.end())


def _sentences_with(low: str, words: frozenset[str]) -> list[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    if "#" in words:  # a number: the sentences that hold a digit
        for digit in _DIGIT.finditer(low):
            spans.add(sentence_around(low, digit.start(), digit.end()))
    for word in words:
        at = low.find(word) if "'" not in word else low.replace("’", "'").find(word)
        while at != -1:
            span = sentence_around(low, at, at + len(word))
            spans.add(span)
            at = low.find(word, span[1]) if "'" not in word else -1
    return sorted(spans)


# Capitals: three words in a row, or a word people only capitalise to raise their voice.
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’]*(?:[ \t]+[A-Z][A-Z'’]*){2,}\b")
_LOUD = frozenset({
    "NOT", "NOW", "NEVER", "ANY", "STILL", "ANSWER", "REPLY", "RESPOND", "NEED", "MUST",
    "PLEASE", "TODAY", "IMMEDIATELY", "WHY", "NOBODY", "ZERO", "REALLY", "VERY", "EVER",
    "AGAIN", "WEEKS", "MONTHS", "NOTHING", "STOP", "CALL", "WAITING", "NO", "ALWAYS",
})
_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")


def shouting(text: str) -> Iterator[Finding]:
    """Capitals read as shouting; acronyms (SQL, NYC, AWS) are left alone."""
    runs = [(m.start(), m.end()) for m in _CAPS_RUN.finditer(text)
            if sum(len(w) >= 2 for w in m.group(0).split()) >= 2]
    for start, end in runs:
        yield Finding(E, "tone-shouting", f"“{text[start:end]}” in capitals reads as shouting. "
                      "Write it in ordinary case.", start, end)
    for match in _CAPS_WORD.finditer(text):
        if match.group(0) in _LOUD and not any(s <= match.start() < e for s, e in runs):
            yield Finding(E, "tone-shouting", f"“{match.group(0)}” in capitals reads as "
                          "shouting. Let the words carry the weight.", match.start(), match.end())
