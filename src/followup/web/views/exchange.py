"""Import and export: the exchange document (JSON) or a sheet (CSV), all or nothing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods

from followup.domain.settings import SettingError
from followup.services import exchange
from followup.services.errors import ServiceError
from followup.transports.exchange import ExchangeError
from followup.web.common import now, owner_of, signed_in

MAX_UPLOAD = 10 * 1024 * 1024


@require_http_methods(["GET", "POST"])
@signed_in
def exchange_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"nav": "exchange", "error": None, "result": None}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        fmt = request.POST.get("format", "json")
        if upload is None:
            context["error"], status = "choose a file to import", 400
        elif upload.size is not None and upload.size > MAX_UPLOAD:
            context["error"], status = "the file is larger than 10 MB", 400
        else:
            context["error"], context["result"] = _load(request, upload.read(), fmt)
            status = 400 if context["error"] else 200
    return TemplateResponse(request, "web/exchange.html", context, status=status)


def _load(request: HttpRequest, data: bytes, fmt: str) -> tuple[str | None, str | None]:
    owner = owner_of(request)
    try:
        if fmt == "csv":
            result = exchange.import_csv(owner, data.decode("utf-8-sig"), now=now())
        else:
            result = exchange.import_document(owner, data, now=now())
    except UnicodeDecodeError:
        return "the file is not UTF-8 text; nothing was imported", None
    except (ServiceError, ExchangeError, SettingError) as problem:
        return f"{problem} (nothing was imported)", None
    return None, f"Imported: {result.created} new, {result.updated} updated."


@require_GET
@signed_in
def export(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    if request.GET.get("format") == "csv":
        response = HttpResponse(exchange.export_csv(owner), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="followup.csv"'
        return response
    response = HttpResponse(exchange.export_document(owner), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="followup.json"'
    return response
