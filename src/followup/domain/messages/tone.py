"""R17's courtesy in words: phrases that carry guilt, pressure, negativity or need.

Two layers: the stock phrases below (each code has a list of (triggers,
pattern, severity) and one sentence telling the user why it matters), and
the sentence rules of tone_rules.py, which read what a sentence does (a
deadline with a demand, a broken promise, counted attempts, sarcasm,
capitals) whatever its words. bench/check_corpus.py measures both together
on tests/corpus/tone.toml. Patterns are English and case-insensitive (written
with lower-case escapes only, see text.Phrases); a language added later brings
its own lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from followup.domain.messages.findings import Finding, Severity
from followup.domain.messages.text import Phrases, lowered
from followup.domain.messages.tone_rules import rule_findings, shouting

E, W = Severity.ERROR, Severity.WARNING
# (triggers, pattern, severity): the pattern only runs when one of the trigger
# strings occurs in the lower-cased text, which keeps the checks fast.
Entry = tuple[tuple[str, ...], str, Severity]
_NOT = r"(?:have\s*n[o']t|haven['’]?t|hasn['’]?t|has\s+not|did\s*n[o']t|didn['’]?t|never)"

GUILT: Sequence[Entry] = (
    (("still",),
     r"\bstill\s+(?:not|" + _NOT + r")\s+(?:yet\s+)?(?:heard|received|had|gotten|got)\b", E),
    (("heard", "got", "received"),
     r"\b" + _NOT + r"\s+(?:yet\s+)?(?:heard|gotten|got|received)\s+(?:back|anything|from\s+you"
     r"|a\s+(?:reply|response|word|call|decision)|an\s+(?:answer|update))", E),
    (("but i",),
     r"\bbut\s+I\s+(?:haven['’]?t|have\s+not)(?:\s+yet)?\b", E),
    (("as i ",),
     r"\bas\s+I\s+(?:said|mentioned|stated|noted|wrote|explained)\b", E),
    (("per my",),
     r"\bper\s+my\s+(?:last|previous|earlier)\s+(?:email|message|note|voicemail)\b", E),
    (("you said", "you promised", "you told"),
     r"\byou\s+(?:said|promised|told\s+me)\s+(?:you\s+would|you['’]d|I\s+would|I['’]d)\b", E),
    (("you never", "you didn", "you did not", "you haven", "you have not"),
     r"\byou\s+(?:never|didn['’]?t|did\s+not|haven['’]?t|have\s+not)\s+(?:called|replied"
     r"|responded|answered|gotten\s+back|got\s+back|returned|followed\s+up)\b", E),
    (("ignor", "ghost", "hanging", "kept me"),
     r"\b(?:ignor(?:ed|ing)\s+(?:me|my)|ghost(?:ed|ing)|left\s+me\s+hanging"
     r"|kept\s+me\s+waiting)\b", E),
    (("been waiting",),
     r"\bI['’]?(?:ve|\s+have)\s+been\s+waiting\b", E),
    (("was expecting",),
     r"\bI\s+was\s+expecting\s+(?:to\s+hear|a\s+(?:call|reply|response|decision)"
     r"|an\s+(?:answer|update))", E),
    (("yet another",),
     r"\byet\s+another\b", W),
    (("why ",),
     r"\bwhy\s+(?:haven['’]?t|have\s+n[o']t|didn['’]?t|has\s+no\s?one)\b", E),
    (("no one", "noone"),
     r"\bno\s?one\s+(?:has\s+)?(?:got|gotten|called|replied|responded|written)\s+back\b", E),
)

PRESSURE: Sequence[Entry] = (
    (("asap", "a.s.a.p"),
     r"\ba\.?s\.?a\.?p\b\.?", E),
    (("possible", "immediately", "right away", "urgently", "today", "tomorrow", "tonight",
      "end of", "eod", "by mon", "by tue", "by wed", "by thu", "by fri"),
     r"\b(?:let\s+me\s+know|reply|respond|get\s+back\s+to\s+me|answer|decide|call\s+me(?:\s+back)?)"
     r"\s+(?:as\s+soon\s+as\s+possible|immediately|right\s+away|urgently|today|by\s+(?:tomorrow"
     r"|tonight|end\s+of\s+(?:the\s+)?(?:day|week)|eod|monday|tuesday|wednesday|thursday"
     r"|friday))\b", E),
    (("urgent",),
     r"\burgent(?:ly)?\b", E),
    (("offer",),
     r"\b(?:other|another|competing|multiple)\s+(?:job\s+)?offers?\b", E),
    (("i need", "i must", "i expect", "i require"),
     r"\bI\s+(?:need|must\s+have|expect|require)\s+(?:an?\s+|your\s+)?(?:answer|decision|reply"
     r"|response|update)\b", E),
    (("chance", "notice", "reminder", "warning"),
     r"\b(?:final|last)\s+(?:chance|notice|reminder|warning)\b", E),
    (("sensitive",),
     r"\btime[- ]sensitive\b", E),
    (("wait any", "wait much"),
     r"\bcan(?:not|['’]t)\s+wait\s+(?:any|much)\s+longer\b", E),
    (("or i will", "or i'll", "or i’ll"),
     r"\bor\s+I\s+(?:will|['’]ll)\s+(?:have\s+to\s+)?(?:move\s+on|accept|take|look)\b", E),
    (("deadline",),
     r"\bdeadline\b", W),
)

NEGATIVE: Sequence[Entry] = (
    (("unprofessional", "rude", "disrespectful", "unacceptable", "ridiculous", "insulting",
      "outrageous", "incompetent"),
     r"\b(?:unprofessional|rude|disrespectful|unacceptable|ridiculous|insulting|outrageous"
     r"|incompetent)\b", E),
    (("waste of",),
     r"\bwaste\s+of\s+(?:my\s+|your\s+)?time\b", E),
    (("shame",),
     r"\bshame\s+(?:on|that)\b", E),
    (("disappoint", "frustrat", "unfortunate", "upset", "annoy", "sadly", "unfair"),
     r"\b(?:disappoint(?:ed|ing|ment)|frustrat(?:ed|ing|ion)|unfortunate(?:ly)?|upset"
     r"|annoy(?:ed|ing)|sadly|unfair)\b", W),
    (("not happy", "not pleased"),
     r"\bnot\s+(?:happy|pleased)\s+(?:with|about|that)\b", W),
    (("experience", "process", "communication"),
     r"\b(?:bad|terrible|awful|poor)\s+(?:experience|process|communication)\b", W),
)

NEEDY: Sequence[Entry] = (
    (("desperate",),
     r"\bdesperate(?:ly)?\b", W),
    (("need this", "need the", "need a"),
     r"\bI\s+(?:really\s+|truly\s+|badly\s+)?need\s+(?:this|the|a)\s+(?:job|position|role"
     r"|work)\b", W),
    (("beg", "plead"),
     r"\b(?:I\s+)?(?:beg(?:ging)?|plead(?:ing)?)\b", W),
    (("do anything", "do whatever"),
     r"\bI['’]?(?:ll|\s+will)\s+do\s+(?:anything|whatever\s+it\s+takes)\b", W),
    (("please",),
     r"\bplease[,!]?\s+please\b", W),
    (("chance",),
     r"\b(?:any|one\s+more|just\s+one)\s+chance\b", W),
    (("in again", "up again"),
     r"\bjust\s+(?:checking\s+in|following\s+up|wanted\s+to\s+follow\s+up)\s+again\b", W),
    (("dream job", "only option", "last hope"),
     r"\bmy\s+(?:dream\s+job|only\s+option|last\s+hope)\b", W),
    (("by the phone",),
     r"\bwaiting\s+by\s+the\s+phone\b", W),
)

OVER_APOLOGY: Sequence[Entry] = (
    (("sorry",),
     r"\bsorry\s+(?:to|for)\s+(?:bother(?:ing)?|pester(?:ing)?|troubl(?:e|ing)|intrud(?:e|ing)"
     r"|disturb(?:ing)?|chas(?:e|ing)|keep\s+(?:emailing|calling|writing)|follow(?:ing)?\s+up"
     r"|reach(?:ing)?\s+out|writ(?:e|ing)\s+again)\b", W),
    (("apologi",),
     r"\bapologi[sz]e\s+for\s+(?:bothering|reaching|following|writing|emailing|calling"
     r"|contacting|taking\s+up|the\s+(?:intrusion|interruption|bother|follow[- ]?up))\b", W),
    (("hate to",),
     r"\bhate\s+to\s+(?:bother|trouble|pester|chase)\b", W),
    (("forgive me",),
     r"\bforgive\s+me\s+for\b", W),
    (("sorry",),
     r"\bsorry\s+if\s+(?:this|I)\b", W),
    (("hope i",),
     r"\bI\s+hope\s+I['’]?m\s+not\s+(?:bothering|annoying|being\s+a\s+(?:pest|bother|nuisance))",
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


Compiled = tuple[tuple[str, ...], Phrases, Severity]
_COMPILED: dict[str, list[Compiled]] = {
    code: [(triggers, Phrases(pattern), severity) for triggers, pattern, severity in entries]
    for code, entries in _LISTS.items()
}
_APOLOGY = Phrases(r"\b(?:sorry|apologi[sz]e|apologies)\b")


def tone_findings(text: str, low: str | None = None) -> list[Finding]:
    """Every tone finding in `text` (`low`: the same text lower-cased, if at hand)."""
    low = lowered(text) if low is None else low
    found: list[Finding] = []
    contains = low.__contains__
    for code, entries in _COMPILED.items():
        for triggers, phrases, severity in entries:
            if not any(map(contains, triggers)):
                continue
            for match in phrases.finditer(low):
                phrase = " ".join(text[match.start():match.end()].split())
                found.append(Finding(severity, code, WHY[code].format(phrase),
                                     match.start(), match.end()))
    found.extend(rule_findings(text, low))
    found.extend(shouting(text))
    found.extend(_apologies(low))
    found.extend(_exclamations(text))
    return _without_overlaps(found)


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """One finding per stretch of text and code ("still haven't heard back" is one reproach).

    Where two overlap, an error beats a warning; else the earlier, longer one stays.
    """
    kept: list[Finding] = []
    for finding in sorted(found, key=lambda f: (f.severity is not E, f.start, -f.end)):
        if any(k.code == finding.code and k.start < finding.end and finding.start < k.end
               for k in kept):
            continue
        kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, -f.end))


def _apologies(low: str) -> list[Finding]:
    if "sorry" not in low and "apolog" not in low:
        return []
    matches = list(_APOLOGY.finditer(low))
    return [
        Finding(W, "tone-over-apology",
                "More than one apology in one note: one is plenty, and often none is needed.",
                match.start(), match.end())
        for match in matches[1:]
    ]


def _exclamations(text: str) -> list[Finding]:
    if text.count("!") <= 1:
        return []
    marks = [index for index, char in enumerate(text) if char == "!"]
    return [Finding(W, "tone-exclamations",
                    f"{len(marks)} exclamation marks: more than one reads as over-excited. "
                    "Keep one at most.", marks[1], marks[-1] + 1)]
