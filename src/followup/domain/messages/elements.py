"""What each kind of message must contain (R2, R5, R7, R9, R10, R14, R17), as patterns.

The patterns look for the gist, not for our own wording: a user who writes
"I'd be glad to hear how things stand" has asked about the timeline just as
much as one who writes "What is the timeline?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followup.domain.messages import text as txt
from followup.domain.messages.findings import Finding, Severity

E, W = Severity.ERROR, Severity.WARNING
_I = re.IGNORECASE
Matcher = txt.Phrases | re.Pattern[str]  # Phrases run on the lower-cased text

_MONTHS = (r"january|february|march|april|june|july|august|september|october|november"
           r"|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec")
DATE = txt.Phrases(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight"
    r"|end\s+of\s+(?:the\s+)?(?:day|week)|next\s+week|" + _MONTHS + r")\b"
    r"|\b(?:may\s+\d{1,2}|\d{1,2}\s+may)\b|\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\bwithin\s+\w+\s+(?:business\s+)?(?:days?|hours?)\b"
)
TIMELINE = txt.Phrases(
    r"\b(?:timeline|timing|time\s?frame|next\s+steps?|decision|decide|update|news|schedule"
    r"|where\s+things\s+(?:stand|are)|how\s+things\s+(?:stand|are\s+going|are\s+moving"
    r"|are\s+progressing)|when\s+you\s+(?:expect|plan|hope|might)|hear\s+(?:back|more)"
    r"|progress\w*)\b"
)
ASKING = txt.Phrases(
    r"\?|\b(?:let\s+me\s+know|could\s+you|would\s+you|can\s+you|wondering|curious"
    r"|(?:glad|love|happy|keen|grateful)\s+to\s+(?:hear|know|learn)|any\s+news|an\s+update"
    r"|share)\b"
)
CALLBACK = txt.Phrases(r"\b(?:call|try|ring|reach|phone)\s+(?:you\s+)?(?:back|again)\b[^.?!\n]*")


@dataclass(frozen=True, slots=True)
class Element:
    """Something a message of a kind must say; `pattern` finds it anywhere in the text."""

    code: str
    severity: Severity
    pattern: Matcher
    message: str

    def missing(self, text: str, low: str, span: txt.Span) -> Finding | None:
        if isinstance(self.pattern, txt.Phrases):
            found = self.pattern.search(low, span[0], span[1])
        else:
            found = self.pattern.search(text, span[0], span[1])
        if found:
            return None
        return Finding(self.severity, self.code, self.message, span[0], span[1])


@dataclass(frozen=True, slots=True)
class TimelineQuestion:
    """A sentence that asks about the timeline or the next steps (R6, R9)."""

    code: str
    severity: Severity
    message: str

    def missing(self, text: str, low: str, span: txt.Span) -> Finding | None:
        for start, end in txt.sentences(text, span):
            if TIMELINE.search(low, start, end) and ASKING.search(low, start, end):
                return None
        return Finding(self.severity, self.code, self.message, span[0], span[1])


Check = Element | TimelineQuestion


def element(code: str, severity: Severity, pattern: str, message: str,
            case_sensitive: bool = False) -> Element:
    matcher = re.compile(pattern) if case_sensitive else txt.Phrases(pattern)
    return Element(code, severity, matcher, message)


THANKS = element(
    "missing-thanks", E, r"\b(?:thank\w*|grateful|appreciat\w*|gratitude)\b",
    "Say thank you: for their time and for the chance to talk about the role.")
_INTEREST = (r"\b(?:interest(?:ed|ing)?|excit\w*|eager\w*|keen\w*|enthusias\w*|look(?:ing)?\s+"
             r"forward|(?:would|'d|’d)\s+love|want\s+to\s+(?:join|be\s+part|work)|appeal\w*"
             r"|thrilled|glad\s+to\s+(?:join|help|contribute)|love\s+to)\b")
INTEREST = element("missing-interest", W, _INTEREST,
                   "Say that you are still interested in the role: it is the point of the note.")
INTEREST_REQUIRED = element("missing-interest", E, _INTEREST,
                            "Restate your interest in the role: it is the point of a "
                            "follow-up.")
TIMELINE_ASK = TimelineQuestion(
    "missing-timeline-question", E,
    "Ask where things stand and when they expect to decide: that is what a follow-up is for.")
TIMELINE_ASK_SPOKEN = TimelineQuestion(
    "missing-timeline-question", W,
    "Ask how things are going or when they expect to decide, so the call has a purpose.")
OFFER = element(
    "missing-offer", W,
    r"(?:happy|glad|pleased|ready|delighted)\s+to\s+(?:share|send|provide|answer|talk|meet"
    r"|help|come\s+in|chat|discuss|supply|do)|anything\s+(?:else\s+)?(?:I\s+can|that\s+would"
    r"|you\s+need|from\s+me|would\s+help)|any\s+(?:other|further|more|additional)\s+"
    r"(?:information|details|questions)|if\s+(?:more|further|additional)\s+(?:information"
    r"|details)|say\s+the\s+word|would\s+(?:it\s+)?help",
    "Offer something: more information, references, or another conversation.")
PATIENCE = element(
    "missing-patience", W,
    r"\btakes?\s+(?:some\s+|a\s+little\s+)?time|\b(?:careful|big|important|thoughtful)\s+"
    r"decision|\bno\s+rush|\b(?:know|understand|realis|realiz|appreciate)\w*\s+(?:that\s+)?"
    r"(?:these|this|the|such|hiring|decisions|you|it)|\bin\s+the\s+(?:middle|thick)\s+of"
    r"|\bwhile\s+you\s+(?:decide|finish|work|weigh|consider)",
    "Acknowledge that the decision takes time: it shows patience, not pressure (R7).")
DELIVERY_DATE = Element(
    "missing-delivery-date", E, DATE,
    "Say when they will have it: a day they can count on (R5).")
WHAT_IS_SENT = element(
    "missing-what-is-sent", W,
    r"\b(?:attach\w*|enclos\w*|below|upload\w*|links?|here\s+(?:is|are)|sending|sent"
    r"|includ\w*|find)\b",
    "Say what you are sending and where they will find it (attached, below, uploaded).")
KEEP_IN_MIND = element(
    "missing-keep-in-mind", E,
    r"keep\s+me\s+in\s+mind|(?:future|other|upcoming)\s+(?:roles?|opportunit\w+|openings?"
    r"|positions?|vacanc\w+)|stay\s+(?:in\s+touch|connected)|keep\s+in\s+touch|cross\s+paths"
    r"|think\s+of\s+me|consider(?:ed)?\s+(?:me\s+)?(?:again|in\s+the\s+future|for\s+(?:other"
    r"|future))",
    "Ask them to keep you in mind for other roles: the door stays open (R14).")
ROLE = element("missing-role", E, r"\b(?:role|position|job|opening|opportunity|vacancy)\b",
               "Name the role you interviewed for, so they place you at once.")
ROLE_HINT = element("missing-role", W, r"\b(?:role|position|job|opening|opportunity|vacancy"
                    r"|interview\w*)\b",
                    "Mention the role or the interview, so they know who you are.")
NAME = element("missing-name", E,
               r"\b(?i:this\s+is|my\s+name\s+is|it's|it’s|it\s+is|i'm|i’m)\s+[A-Z][\w'-]+",
               "Say your name at the start: \"Hi Jane, this is Sam Lee\".", case_sensitive=True)
PHONE = element("missing-phone", E,
                r"\+?\d[\d\s().,-]{5,}\d|(?:\b(?:zero|oh|one|two|three|four|five|six|seven"
                r"|eight|nine)\b[\s,-]*){7,}",
                "Leave your phone number, said slowly, so they can call you back.")
EMAIL = element("missing-email", E,
                r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b\w+(?:\s+dot\s+\w+)*\s+at\s+\w+"
                r"(?:\s+dot\s+\w+)+\b",
                "Leave your email address too, in case writing is easier for them.")
INTERVIEW_DATE = Element("missing-interview-date", E, DATE,
                         "Mention the day you interviewed, so they can place you.")
