"""No pages yet: the web interface comes with the hosted mode."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
