"""The draft editor (findings highlighted on their spans as the user types),
its .eml download, and Check for the user's own text."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from followup.domain.entries import kind_title
from followup.domain.messages import KINDS
from followup.services import compose
from followup.services.drafting import run_check
from followup.services.errors import NotFound, ServiceError
from followup.web.common import is_htmx, now, owner_of, signed_in
from followup.web.views import mail_send

MAX_TEXT = 20_000


def marked(text: str, findings: list[dict[str, Any]], field: str | None) -> list[dict[str, Any]]:
    """The text cut into plain and marked pieces; each mark names its finding's number.
    `field` None: every finding's span is into `text` (a whole checked file)."""
    spans = sorted((f["start"], f["end"], n) for n, f in enumerate(findings, start=1)
                   if field is None or f.get("field", "body") == field
                   if f["end"] > f["start"])
    pieces: list[dict[str, Any]] = []
    at = 0
    for start, end, number in spans:
        if start < at:  # overlapping spans: the first one shown wins
            continue
        pieces.append({"text": text[at:start], "mark": None})
        pieces.append({"text": text[start:end], "mark": number,
                       "severity": findings[number - 1]["severity"]})
        at = end
    pieces.append({"text": text[at:], "mark": None})
    return [p for p in pieces if p["text"]]


def _numbered(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**f, "number": n} for n, f in enumerate(findings, start=1)]


@require_http_methods(["GET", "POST"])
@signed_in
def draft(request: HttpRequest, key: str) -> HttpResponse:
    owner = owner_of(request)
    try:
        clock = now()
        found, document = compose.draft_for(owner, key, clock)
    except NotFound:
        raise Http404(f"no open action {key!r}") from None
    except ServiceError as problem:
        return TemplateResponse(request, "web/problem.html", {
            "title": "No draft", "message": str(problem)}, status=400)
    subject, body = document["subject"], document["body"]
    if request.method == "POST":
        body = request.POST.get("body", "")[:MAX_TEXT]
        if subject is not None:
            subject = request.POST.get("subject", "")[:1000]
    findings = compose.check_edited(found, document["kind"], subject, body)
    context = {
        "key": key, "quoted_key": quote(key, safe="/"), "document": document,
        "subject": subject, "body": body, "findings": _numbered(findings),
        "body_marked": marked(body, findings, "body"),
        "subject_marked": marked(subject or "", findings, "subject"),
        "mailto": _mailto(document, subject, body),
        "spans": any(f["end"] > f["start"] for f in findings),
        "label": kind_title(found.action.kind.value),
        "opportunity": found.opportunity, "action": found.action, "nav": "today",
        "sending": mail_send.sending(owner, found, clock),  # issue 13: Send and Schedule
    }
    template = "web/_findings.html" if is_htmx(request) else "web/draft.html"
    return TemplateResponse(request, template, context)


def _mailto(document: dict[str, Any], subject: str | None, body: str) -> str | None:
    to = document["to"].get("email")
    if not to or subject is None:
        return None
    return f"mailto:{quote(to, safe='@')}?subject={quote(subject)}&body={quote(body)}"


@require_POST
@signed_in
def draft_eml(request: HttpRequest, key: str) -> HttpResponse:
    owner = owner_of(request)
    subject = request.POST.get("subject", "")[:1000]
    body = request.POST.get("body", "")[:MAX_TEXT]
    try:
        text = compose.edited_eml(owner, key, subject, body, now())
    except NotFound:
        raise Http404(f"no open action {key!r}") from None
    except (ServiceError, ValueError) as problem:
        return TemplateResponse(request, "web/problem.html", {
            "title": "No .eml for this one", "message": str(problem)}, status=400)
    response = HttpResponse(text, content_type="message/rfc822")
    name = "".join(c if c.isalnum() else "-" for c in key)[:80]
    response["Content-Disposition"] = f'attachment; filename="{name}.eml"'
    return response


@require_http_methods(["GET", "POST"])
@signed_in
def check(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "thank_you")
    text = request.POST.get("text", "")[:MAX_TEXT]
    findings: list[dict[str, Any]] | None = None
    error = None
    status = 200
    if request.method == "POST":
        if kind not in KINDS:
            error, status = f"--kind: unknown kind {kind!r} (choose from {', '.join(KINDS)})", 400
        else:
            findings = json.loads(run_check(kind, text, fmt="json"))["findings"]
    context = {"kinds": KINDS, "kind": kind, "text": text, "error": error, "nav": "check",
               "findings": None if findings is None else _numbered(findings),
               "text_marked": marked(text, findings or [], None)}
    template = "web/_check_result.html" if is_htmx(request) else "web/check.html"
    return TemplateResponse(request, template, context, status=status)
