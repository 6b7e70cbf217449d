"""Commitments, their updates and the transfer ledger: what came of an exchange."""

from django.urls import URLPattern

app_name = "outcomes"
urlpatterns: list[URLPattern] = []
