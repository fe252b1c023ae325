"""Automatic replies (out of office, vacation) and the day the person is back.

An automatic reply says so in its headers (RFC 3834 `Auto-Submitted` other
than `no`; `X-Autoreply`, `X-Autorespond`; `Precedence: auto_reply`;
Exchange's `X-MS-Exchange-Inbox-Rules-Loop`), or, from programs that set
none of these, in its subject, in several languages. `X-Auto-Response-Suppress`
alone is no sign: Outlook puts it on ordinary mail too, asking others not to
auto-reply to it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from email.message import Message

_SUBJECT = re.compile(
    r"^\s*(auto(matic|matische|matisch)?[ -]?(reply|response|antwort|antwoord)"
    r"|out of (the )?office|ooo\b|abwesen|abwesenheit|vacation|on leave|away from"
    r"|r[ée]ponse automatique|absence|absent|respuesta autom[áa]tica|fuera de la oficina"
    r"|risposta automatica|fuori sede|afwezig|automatisch antwoord)",
    re.IGNORECASE,
)


def is_auto_reply(message: Message) -> bool:
    submitted = str(message.get("Auto-Submitted", "")).strip().lower()
    if submitted and not submitted.startswith("no"):
        return True
    if any(name in message for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponse",
                                        "X-MS-Exchange-Inbox-Rules-Loop")):
        return True
    if str(message.get("Precedence", "")).strip().lower() == "auto_reply":
        return True
    subject = " ".join(str(message.get("Subject", "")).split())
    return bool(_SUBJECT.match(subject))


MONTHS = {
    **{m: n for n, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                   "august", "september", "october", "november", "december"], 1)},
    **{m: n for n, m in enumerate(["januar", "februar", "märz", "april", "mai", "juni", "juli",
                                   "august", "september", "oktober", "november", "dezember"], 1)},
    **{m: n for n, m in enumerate(["janvier", "février", "mars", "avril", "mai", "juin",
                                   "juillet", "août", "septembre", "octobre", "novembre",
                                   "décembre"], 1)},
    "jän": 1, "maerz": 3, "fevrier": 2, "aout": 8, "decembre": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True)) + r"|[a-zä]{3}\.?"
# The words that put the day of return (or the last day away) in front of a date.
_BACK = r"(back( in the office)?( on)?|ab( dem)?|return(ing)?( to the office)?( on)?" \
        r"|returns?( on)?|again on|zurück( am| ab)?|wieder( im büro)?( am| ab)?" \
        r"|de retour( le)?|à partir du)"
_UNTIL = r"(until|till|through|thru|bis( einschließlich| zum| am)?|jusqu'au|jusqu’au)"
_DATE = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+|(?:montag|dienstag|mittwoch|donnerstag"
    r"|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\s+)?"
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:{_MONTH})(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
)
_PHRASE = re.compile(rf"\b(?P<word>{_BACK}|{_UNTIL})\s+(?:the\s+|le\s+|dem\s+)?{_DATE}",
                     re.IGNORECASE)
_ANY_DATE = re.compile(rf"\b{_DATE}", re.IGNORECASE)
_THROUGH = re.compile(r"through|thru|einschließlich|inclus", re.IGNORECASE)


def return_day(text: str, sent: date, *, us_dates: bool = True) -> date | None:
    """The first day back that `text` names, read as lying after `sent`; None if none.

    Of several dates ("away until the 14th, back on the 15th") the latest wins.
    """
    flat = " ".join(text.split())
    days = []
    for found in _PHRASE.finditer(flat):
        day = _parse(found.group("date"), sent, us_dates)
        if day is None or not sent <= day <= sent + timedelta(days=370):
            continue
        word = found.group("word").lower()
        tail = flat[found.end(): found.end() + 12]
        if _THROUGH.search(word) or _THROUGH.search(tail):
            day += timedelta(days=1)  # away through that day: back the day after
        days.append(day)
    return max(days, default=None)


def named_day(text: str, sent: date, *, us_dates: bool = True) -> date | None:
    """The first date a reply names on or after the day it was sent (a new
    decision date, an interview day): a suggestion for the user, never a fact."""
    for found in _ANY_DATE.finditer(" ".join(text.split())):
        day = _parse(found.group("date"), sent, us_dates)
        if day is not None and sent <= day <= sent + timedelta(days=370):
            return day
    return None


def _parse(text: str, sent: date, us_dates: bool) -> date | None:
    text = text.strip().rstrip(".,").lower()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return _safe(int(text[:4]), int(text[5:7]), int(text[8:]))
    numeric = re.fullmatch(r"(\d{1,2})([./])(\d{1,2})(?:[./](\d{2,4}))?", text)
    if numeric:
        a, sep, b, year = int(numeric[1]), numeric[2], int(numeric[3]), numeric[4]
        first, second = (a, b) if sep == "/" and us_dates else (b, a)
        return _with_year(first, second, year, sent)
    words = re.findall(r"[a-zäéûô]+\.?|\d+", text)
    numbers = [w for w in words if w.isdigit()]
    names = [w.rstrip(".") for w in words if not w.isdigit()
             and w.rstrip(".") not in ("st", "nd", "rd", "th", "er")]
    if not numbers or not names:
        return None
    named = MONTHS.get(names[0]) or _by_prefix(names[0])
    year = next((n for n in numbers if len(n) == 4), None)
    number = next((int(n) for n in numbers if len(n) <= 2), None)
    if named is None or number is None:
        return None
    return _with_year(named, number, year, sent)


def _by_prefix(name: str) -> int | None:
    for full, number in MONTHS.items():
        if len(name) >= 3 and full.startswith(name):
            return number
    return None


def _with_year(month: int, day: int, year: str | None, sent: date) -> date | None:
    if year is not None:
        number = int(year)
        return _safe(number + 2000 if number < 100 else number, month, day)
    found = _safe(sent.year, month, day)
    if found is not None and found < sent:
        found = _safe(sent.year + 1, month, day)  # "until 4 January" written in December
    return found


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
