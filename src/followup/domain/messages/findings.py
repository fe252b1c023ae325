"""What the checks report: a severity, a code, a sentence and a span of text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # fix it before sending
    WARNING = "warning"  # worth a second look


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the checks noticed.

    `start`/`end` are character offsets into the text of `field` (the subject,
    the body, or a part such as the voicemail script); `check()` on a whole
    file shifts them to offsets into that file.
    """

    severity: Severity
    code: str
    message: str
    start: int
    end: int
    field: str = "body"

    def moved(self, offset: int, field: str | None = None) -> Finding:
        return replace(
            self,
            start=self.start + offset,
            end=self.end + offset,
            field=self.field if field is None else field,
        )

    def as_dict(self) -> dict[str, str | int]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "field": self.field,
        }


def error(code: str, message: str, start: int, end: int) -> Finding:
    return Finding(Severity.ERROR, code, message, start, end)


def warning(code: str, message: str, start: int, end: int) -> Finding:
    return Finding(Severity.WARNING, code, message, start, end)


def has_errors(findings: tuple[Finding, ...] | list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
