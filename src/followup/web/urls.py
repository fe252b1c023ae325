"""The pages and the API. Keys and refs may contain `/`: the `path` converter
takes them as they are (WSGI servers decode %2F before routing)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from followup.web.views import auth, exchange, forms, messages, records, settings_page, today
from followup.web.views import calendar_feed as feed_views  # issue 14
from followup.web.views import invites as invite_views  # issue 14
from followup.web.views import mail_outbox as mail_views  # issue 13
from followup.web.views import mail_send as send_views  # issue 13
from followup.web.views import mail_settings as mail_settings_views  # issue 13
from followup.web.views.removal import delete as delete_view
from followup.web.views.why import why as why_view

urlpatterns: list[URLPattern | URLResolver] = [
    path("", today.today, name="today"),
    path("signin/", auth.signin, name="signin"),
    path("signin/<str:secret>", auth.signin, name="signin-link"),
    path("signout/", auth.signout, name="signout"),
    path("actions/<path:key>/done", today.done, name="done"),
    path("actions/<path:key>/skip", today.skip, name="skip"),
    path("actions/<path:key>/snooze", today.snooze, name="snooze"),
    path("opportunities/", records.opportunities, name="opportunities"),
    path("o/<path:ref>", records.opportunity, name="opportunity"),
    path("forms/opportunity-add/", forms.opportunity_add, name="opportunity-add"),
    path("forms/opportunity-edit/<path:ref>", forms.opportunity_edit),
    path("forms/stage/<path:ref>", forms.stage),
    path("forms/contact-add/<path:ref>", forms.contact_add),
    path("forms/contact-edit/<path:ref>", forms.contact_edit),
    path("forms/interview-add/<path:ref>", forms.interview_add),
    path("forms/interview-edit/<path:ref>", forms.interview_edit),
    path("forms/request-add/<path:ref>", forms.request_add),
    path("forms/request-edit/<path:ref>", forms.request_edit),
    path("forms/touch-log/<path:ref>", forms.touch_log),
    path("forms/touch-edit/<path:ref>", forms.touch_edit),
    path("forms/response-log/<path:ref>", forms.response_log),
    path("draft/<path:key>", messages.draft, name="draft"),
    path("eml/<path:key>", messages.draft_eml, name="eml"),
    path("check/", messages.check, name="check"),
    path("exchange/", exchange.exchange_page, name="exchange"),
    path("export/", exchange.export, name="export"),
    path("settings/", settings_page.settings_page, name="settings"),
    # issue 14: the calendar feed (no sign-in: the token is the key) and invitations
    path("calendar/<path:name>", feed_views.feed, name="calendar-feed"),
    path("settings/calendar-feed", feed_views.feed_settings, name="calendar-feed-settings"),
    path("import-invite/", invite_views.import_invite, name="import-invite"),
    path("settings/mail", mail_settings_views.configure, name="mail-settings"),  # issue 13
    path("settings/mail/test", mail_settings_views.test, name="mail-test"),  # issue 13
    path("settings/mail/digest", mail_settings_views.digest, name="mail-digest"),  # issue 13
    path("settings/<path:ref>", settings_page.opportunity_settings),
    # issue 12b: delete (a question, then a POST) and the why of an action
    path("delete/<str:kind>/<path:ref>", delete_view, name="delete"),
    path("why/<path:key>", why_view, name="why"),
    # issue 13: mail (settings, send from the draft, the outbox, suggested contacts)
    path("send/<path:key>", send_views.send, name="send"),
    path("mail/", mail_views.mail_page, name="mail"),
    path("mail/outbox/cancel", mail_views.cancel, name="outbox-cancel"),
    path("mail/outbox/resolve", mail_views.resolve, name="outbox-resolve"),
    path("mail/suggested/<int:pk>/accept", mail_views.accept, name="suggested-accept"),
    path("mail/suggested/<int:pk>/dismiss", mail_views.dismiss, name="suggested-dismiss"),
]


def _api() -> list[URLPattern | URLResolver]:
    from followup.web.api import api

    return [path("api/v1/", api.urls)]


urlpatterns += _api()

handler400 = "followup.web.security.bad_request"
handler404 = "followup.web.security.not_found"
handler500 = "followup.web.security.server_error"
