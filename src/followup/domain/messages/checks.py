"""R17: the checks a message gets before it goes, for a draft or the user's own words.

Per kind: required elements, length (words and paragraphs; characters for a
LinkedIn note; seconds for a voicemail, at 150 words a minute), tone,
leftover placeholders, near-duplicates among the notes of one opportunity,
and the subject line. Every finding carries a span of the text it is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from followup.domain.messages import elements as el
from followup.domain.messages import placeholders
from followup.domain.messages import text as txt
from followup.domain.messages.findings import Finding, Severity
from followup.domain.messages.tone import tone_findings
from followup.domain.messages.variety import overlap
from followup.domain.model import ActionKind
from followup.domain.settings import PlaybookSettings, VoicemailStyle

E, W = Severity.ERROR, Severity.WARNING
WORDS_PER_MINUTE = 150
VOICEMAIL_SECONDS = 30  # 000: about thirty seconds (R17)
NEAR_DUPLICATE = 0.5  # shared word trigrams over the shorter note (R2, 002)
SUBJECT_MAX = 78  # characters before most mail clients cut it off
HARD_FACTOR = 1.5  # past limit x this, a length warning becomes an error

VOICEMAIL, CALL_NOTES = "voicemail", "call_notes"


@dataclass(frozen=True, slots=True)
class Rules:
    email: bool = False  # sent as an email: wants a subject line
    words: int | None = None  # about this many words at most, greeting and sign-off aside
    paragraphs: int | None = None
    seconds: int | None = None  # spoken aloud
    linkedin: bool = False  # the character limit setting applies
    tone: bool = True
    elements: tuple[el.Check, ...] = ()


RULES: dict[str, Rules] = {
    ActionKind.PREPARE: Rules(tone=False),
    ActionKind.THANK_YOU: Rules(True, 150, 2, elements=(el.THANKS, el.INTEREST)),
    ActionKind.HANDWRITTEN_NOTE: Rules(False, 120, 2, elements=(el.THANKS, el.INTEREST)),
    ActionKind.LINKEDIN_INVITE: Rules(paragraphs=1, linkedin=True,
                                      elements=(el.ROLE_HINT, el.INTEREST)),
    ActionKind.SEND_INFO: Rules(True, 120, 2, elements=(el.WHAT_IS_SENT,)),
    ActionKind.INFO_DELAY_NOTICE: Rules(True, 90, 2, elements=(el.DELIVERY_DATE,)),
    ActionKind.CHECK_IN: Rules(True, 110, 2, elements=(el.INTEREST_REQUIRED, el.PATIENCE,
                                                       el.OFFER)),
    ActionKind.FOLLOW_UP: Rules(True, 130, 2, elements=(el.INTEREST_REQUIRED, el.TIMELINE_ASK,
                                                        el.OFFER)),
    ActionKind.CLOSE_OUT: Rules(True, 110, 2, elements=(el.THANKS,)),
    ActionKind.COURTEOUS_REPLY: Rules(True, 110, 2, elements=(el.THANKS, el.KEEP_IN_MIND)),
    ActionKind.ACKNOWLEDGE: Rules(True, 70, 2, elements=(el.THANKS, el.INTEREST)),
    VOICEMAIL: Rules(seconds=VOICEMAIL_SECONDS,
                     elements=(el.NAME, el.ROLE, el.INTERVIEW_DATE, el.INTEREST,
                               el.TIMELINE_ASK_SPOKEN, el.PHONE, el.EMAIL)),
    CALL_NOTES: Rules(tone=False),
}
KINDS: tuple[str, ...] = tuple(str(kind) for kind in RULES)


def rules_for(kind: str) -> Rules:
    found = RULES.get(kind)
    if found is None:
        raise ValueError(f"unknown kind {kind!r} (choose from {', '.join(KINDS)})")
    return found


def check_body(
    kind: str,
    body: str,
    *,
    settings: PlaybookSettings | None = None,
    siblings: Sequence[str] = (),
    callback_expected: bool | None = None,
) -> list[Finding]:
    """Findings on a message body (offsets into `body`)."""
    rules = rules_for(kind)
    if not body.strip():
        return [Finding(E, "empty", "There is nothing to send yet.", 0, len(body))]
    low = txt.lowered(body)
    found = _placeholders(body)
    shape = txt.layout(body)
    core = (shape.paragraphs[0][0], shape.paragraphs[-1][1]) if shape.paragraphs else (
        0, len(body))
    found.extend(e for check in rules.elements if (e := check.missing(body, low, core)))
    found.extend(_length(rules, body, shape, settings))
    if rules.tone:
        found.extend(tone_findings(body, low))
    if kind == VOICEMAIL:
        found.extend(_callback(low, settings, callback_expected))
    found.extend(_duplicates(body, core, siblings))
    return sorted(found, key=lambda f: (f.start, f.end, f.code))


def check_subject(kind: str, subject: str | None) -> list[Finding]:
    """Findings on a subject line (offsets into `subject`), for kinds sent by email."""
    if not rules_for(kind).email:
        return []
    if subject is None or not subject.strip():
        return [Finding(W, "missing-subject",
                        "Add a subject line that names the role, so it is easy to find.",
                        0, 0, "subject")]
    found = _placeholders(subject) + tone_findings(subject)
    if len(subject) > SUBJECT_MAX:
        found.append(Finding(W, "subject-too-long",
                             f"The subject has {len(subject)} characters; many mail apps cut "
                             f"it at about {SUBJECT_MAX}. Shorten it.", SUBJECT_MAX,
                             len(subject)))
    return [f.moved(0, "subject") for f in found]


def _placeholders(text: str) -> list[Finding]:
    return [
        Finding(E, "unfilled-placeholder",
                f"Replace {found} with your own words before sending."
                if placeholders.is_marker(found)
                else f"“{found}” looks like a placeholder; put the real words in.", start, end)
        for start, end, found in placeholders.find(text)
    ]


def _length(rules: Rules, body: str, shape: txt.Layout,
            settings: PlaybookSettings | None) -> list[Finding]:
    found: list[Finding] = []
    if rules.linkedin:
        limit = settings.linkedin_note_limit if settings is not None else 200
        if len(body.strip()) > limit:
            found.append(Finding(E, "too-long-for-linkedin",
                                 f"{len(body.strip())} characters: LinkedIn takes at most "
                                 f"{limit} in an invitation note. Cut it down.", limit, len(body)))
    if rules.words is not None:
        count = sum(txt.words(body, span) for span in shape.paragraphs)
        if count > rules.words:
            severity = E if count > rules.words * HARD_FACTOR else W
            found.append(Finding(severity, "too-long",
                                 f"{count} words: keep it to about {rules.words}. Short notes "
                                 "get read.", *_whole(shape, body)))
    if rules.paragraphs is not None and len(shape.paragraphs) > rules.paragraphs:
        extra = shape.paragraphs[rules.paragraphs]
        found.append(Finding(W, "too-many-paragraphs",
                             f"{len(shape.paragraphs)} paragraphs: {rules.paragraphs} short "
                             "ones at most read best.", extra[0], shape.paragraphs[-1][1]))
    if rules.seconds is not None:
        found.extend(_spoken_length(rules.seconds, body))
    return found


def _whole(shape: txt.Layout, body: str) -> tuple[int, int]:
    if not shape.paragraphs:
        return 0, len(body)
    return shape.paragraphs[0][0], shape.paragraphs[-1][1]


def _spoken_length(target: int, body: str) -> list[Finding]:
    seconds = round(txt.spoken_words(body) * 60 / WORDS_PER_MINUTE)
    if seconds <= target * 1.2:
        return []
    severity = E if seconds > target * HARD_FACTOR + 5 else W
    return [Finding(severity, "too-long-to-speak",
                    f"About {seconds} seconds aloud (at {WORDS_PER_MINUTE} words a minute); "
                    f"aim for about {target}.", 0, len(body))]


def _callback(low: str, settings: PlaybookSettings | None,
              expected: bool | None) -> list[Finding]:
    """R10: keep-control names the call-back day; their-court names none."""
    if settings is None:
        return []
    keep = settings.voicemail_style is VoicemailStyle.KEEP_CONTROL
    promise = el.CALLBACK.search(low)
    if expected is None:
        expected = keep
    if expected and (promise is None or not el.DATE.search(low, promise.start(), promise.end())):
        return [Finding(W, "missing-callback-date",
                        "Name the day you will call back (3-5 business days out), so the ball "
                        "stays with you (R10).", 0, len(low))]
    if not keep and promise is not None:
        return [Finding(W, "callback-in-their-court",
                        "Your playbook leaves the ball in their court (R10): drop the promise "
                        "to call back.", promise.start(), promise.end())]
    return []


def _duplicates(body: str, core: txt.Span, siblings: Sequence[str]) -> list[Finding]:
    shared = max((overlap(body, other) for other in siblings), default=0.0)
    if shared < NEAR_DUPLICATE:
        return []
    return [Finding(E, "near-duplicate",
                    f"{round(shared * 100)}% of this note's wording also appears in another "
                    "note for this opportunity; make each one personal (R2).", *core)]


_SUBJECT_LINE = re.compile(r"\A[ \t]*subject[ \t]*:[ \t]*([^\n]*)\n?(?:[ \t]*\n)*", re.I)


def check(
    kind: str,
    text: str,
    *,
    settings: PlaybookSettings | None = None,
    siblings: Sequence[str] = (),
) -> list[Finding]:
    """The checks on a whole text as the user wrote it, spans into `text`.

    A first line `Subject: ...` is read as the subject line.
    """
    rules = rules_for(kind)
    match = _SUBJECT_LINE.match(text) if rules.email else None
    if match is None:
        subject_findings = check_subject(kind, None)
        return subject_findings + check_body(kind, text, settings=settings, siblings=siblings)
    subject = match.group(1)
    head = [f.moved(match.start(1)) for f in check_subject(kind, subject)]
    body = text[match.end():]
    tail = [f.moved(match.end()) for f in check_body(kind, body, settings=settings,
                                                     siblings=siblings)]
    return head + tail
