"""R17's courtesy in words: phrases that carry guilt, pressure, negativity or need.

Each code has a list of (pattern, severity) and one sentence telling the user
why it matters. Patterns are English and case-insensitive; a language added
later brings its own lists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from followup.domain.messages.findings import Finding, Severity

E, W = Severity.ERROR, Severity.WARNING
_NOT = r"(?:have\s*n[o']t|haven['’]?t|hasn['’]?t|has\s+not|did\s*n[o']t|didn['’]?t|never)"

GUILT: Sequence[tuple[str, Severity]] = (
    (r"\bstill\s+(?:not|" + _NOT + r")\s+(?:yet\s+)?(?:heard|received|had|gotten|got)\b", E),
    (r"\b" + _NOT + r"\s+(?:yet\s+)?(?:heard|gotten|got|received)\s+(?:back|anything|from\s+you"
     r"|a\s+(?:reply|response|word|call|decision)|an\s+(?:answer|update))", E),
    (r"\bbut\s+I\s+(?:haven['’]?t|have\s+not)(?:\s+yet)?\b", E),
    (r"\bas\s+I\s+(?:said|mentioned|stated|noted|wrote|explained)\b", E),
    (r"\bper\s+my\s+(?:last|previous|earlier)\s+(?:email|message|note|voicemail)\b", E),
    (r"\byou\s+(?:said|promised|told\s+me)\s+(?:you\s+would|you['’]d|I\s+would|I['’]d)\b", E),
    (r"\byou\s+(?:never|didn['’]?t|did\s+not|haven['’]?t|have\s+not)\s+(?:called|replied"
     r"|responded|answered|gotten\s+back|got\s+back|returned|followed\s+up)\b", E),
    (r"\b(?:ignor(?:ed|ing)\s+(?:me|my)|ghost(?:ed|ing)|left\s+me\s+hanging"
     r"|kept\s+me\s+waiting)\b", E),
    (r"\bI['’]?(?:ve|\s+have)\s+been\s+waiting\b", E),
    (r"\bI\s+was\s+expecting\s+(?:to\s+hear|a\s+(?:call|reply|response|decision)"
     r"|an\s+(?:answer|update))", E),
    (r"\b(?:yet\s+another|once\s+again\s+(?:I|I['’]m))\b", W),
    (r"\bwhy\s+(?:haven['’]?t|have\s+n[o']t|didn['’]?t|has\s+no\s?one)\b", E),
    (r"\bno\s?one\s+(?:has\s+)?(?:got|gotten|called|replied|responded|written)\s+back\b", E),
)

PRESSURE: Sequence[tuple[str, Severity]] = (
    (r"\ba\.?s\.?a\.?p\b\.?", E),
    (r"\b(?:let\s+me\s+know|reply|respond|get\s+back\s+to\s+me|answer|decide|call\s+me(?:\s+back)?)"
     r"\s+(?:as\s+soon\s+as\s+possible|immediately|right\s+away|urgently|today|by\s+(?:tomorrow"
     r"|tonight|end\s+of\s+(?:the\s+)?(?:day|week)|eod|monday|tuesday|wednesday|thursday"
     r"|friday))\b", E),
    (r"\burgent(?:ly)?\b", E),
    (r"\b(?:other|another|competing|multiple)\s+(?:job\s+)?offers?\b", E),
    (r"\bI\s+(?:need|must\s+have|expect|require)\s+(?:an?\s+|your\s+)?(?:answer|decision|reply"
     r"|response|update)\b", E),
    (r"\b(?:final|last)\s+(?:chance|notice|reminder|warning)\b", E),
    (r"\btime[- ]sensitive\b", E),
    (r"\bcan(?:not|['’]t)\s+wait\s+(?:any|much)\s+longer\b", E),
    (r"\bor\s+I\s+(?:will|['’]ll)\s+(?:have\s+to\s+)?(?:move\s+on|accept|take|look)\b", E),
    (r"\bdeadline\b", W),
)

NEGATIVE: Sequence[tuple[str, Severity]] = (
    (r"\b(?:unprofessional|rude|disrespectful|unacceptable|ridiculous|insulting|outrageous"
     r"|incompetent)\b", E),
    (r"\bwaste\s+of\s+(?:my\s+|your\s+)?time\b", E),
    (r"\bshame\s+(?:on|that)\b", E),
    (r"\b(?:disappoint(?:ed|ing|ment)|frustrat(?:ed|ing|ion)|unfortunate(?:ly)?|upset"
     r"|annoy(?:ed|ing)|sadly|unfair)\b", W),
    (r"\bnot\s+(?:happy|pleased)\s+(?:with|about|that)\b", W),
    (r"\b(?:bad|terrible|awful|poor)\s+(?:experience|process|communication)\b", W),
)

NEEDY: Sequence[tuple[str, Severity]] = (
    (r"\bdesperate(?:ly)?\b", W),
    (r"\bI\s+(?:really\s+|truly\s+|badly\s+)?need\s+(?:this|the|a)\s+(?:job|position|role"
     r"|work)\b", W),
    (r"\b(?:I\s+)?(?:beg(?:ging)?|plead(?:ing)?)\b", W),
    (r"\bI['’]?(?:ll|\s+will)\s+do\s+(?:anything|whatever\s+it\s+takes)\b", W),
    (r"\bplease[,!]?\s+please\b", W),
    (r"\b(?:any|one\s+more|just\s+one)\s+chance\b", W),
    (r"\bjust\s+(?:checking\s+in|following\s+up|wanted\s+to\s+follow\s+up)\s+again\b", W),
    (r"\bmy\s+(?:dream\s+job|only\s+option|last\s+hope)\b", W),
    (r"\bwaiting\s+by\s+the\s+phone\b", W),
)

OVER_APOLOGY: Sequence[tuple[str, Severity]] = (
    (r"\bsorry\s+(?:to|for)\s+(?:bother(?:ing)?|pester(?:ing)?|troubl(?:e|ing)|intrud(?:e|ing)"
     r"|disturb(?:ing)?|chas(?:e|ing)|keep\s+(?:emailing|calling|writing)|follow(?:ing)?\s+up"
     r"|reach(?:ing)?\s+out|writ(?:e|ing)\s+again)\b", W),
    (r"\bapologi[sz]e\s+for\s+(?:bothering|reaching|following|writing|emailing|calling"
     r"|contacting|taking\s+up|the\s+(?:intrusion|interruption|bother|follow[- ]?up))\b", W),
    (r"\bhate\s+to\s+(?:bother|trouble|pester|chase)\b", W),
    (r"\bforgive\s+me\s+for\b", W),
    (r"\bsorry\s+if\s+(?:this|I)\b", W),
    (r"\bI\s+hope\s+I['’]?m\s+not\s+(?:bothering|annoying|being\s+a\s+(?:pest|bother|nuisance))",
     W),
)

WHY = {
    "tone-guilt": "“{}” can read as a reproach. Say what you would like to happen next instead.",
    "tone-pressure": "“{}” puts pressure on the reader. Ask, don't push: they decide on "
                     "their own schedule.",
    "tone-negative": "“{}” sounds negative. Stay positive: hiring gets delayed for reasons "
                     "that have nothing to do with you.",
    "tone-needy": "“{}” can sound needy. Confidence reads better: restate your interest and "
                  "what you offer.",
    "tone-over-apology": "“{}” apologises for following up. No need: a brief follow-up is "
                         "expected and welcome.",
}

_LISTS = {
    "tone-guilt": GUILT,
    "tone-pressure": PRESSURE,
    "tone-negative": NEGATIVE,
    "tone-needy": NEEDY,
    "tone-over-apology": OVER_APOLOGY,
}


def _compile(entries: Sequence[tuple[str, Severity]]) -> tuple[re.Pattern[str], list[Severity]]:
    """One alternation per code, a group per phrase: one pass over the text per code."""
    pattern = "|".join(f"(?P<p{index}>{regex})" for index, (regex, _) in enumerate(entries))
    return re.compile(pattern, re.IGNORECASE), [severity for _, severity in entries]


_COMPILED = {code: _compile(entries) for code, entries in _LISTS.items()}
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", re.IGNORECASE)


def tone_findings(text: str) -> list[Finding]:
    found: list[Finding] = []
    for code, (pattern, severities) in _COMPILED.items():
        for match in pattern.finditer(text):
            index = int(str(match.lastgroup)[1:])
            phrase = " ".join(match.group(0).split())
            found.append(Finding(severities[index], code, WHY[code].format(phrase),
                                 match.start(), match.end()))
    found.extend(_apologies(text))
    found.extend(_exclamations(text))
    return found


def _apologies(text: str) -> list[Finding]:
    matches = list(_APOLOGY.finditer(text))
    return [
        Finding(W, "tone-over-apology",
                "More than one apology in one note: one is plenty, and often none is needed.",
                match.start(), match.end())
        for match in matches[1:]
    ]


def _exclamations(text: str) -> list[Finding]:
    marks = [index for index, char in enumerate(text) if char == "!"]
    if len(marks) <= 1:
        return []
    return [Finding(W, "tone-exclamations",
                    f"{len(marks)} exclamation marks: more than one reads as over-excited. "
                    "Keep one at most.", marks[1], marks[-1] + 1)]
