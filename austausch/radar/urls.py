"""Reads press releases and news and proposes records for review."""

from django.urls import URLPattern

app_name = "radar"
urlpatterns: list[URLPattern] = []
