"""Reads press releases and news and proposes records for review."""

from django.urls import path

from austausch.radar import views

app_name = "radar"
urlpatterns = [
    path("", views.source_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("readings/<int:pk>/", views.ingestion_progress, name="ingestion"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("sources/<int:pk>/add/", views.fact_add, name="fact-add"),
    path("sources/<int:pk>/confirm-all/", views.source_confirm_all, name="confirm-all"),
    path("facts/<int:pk>/confirm/", views.fact_confirm, name="fact-confirm"),
    path("facts/<int:pk>/drop/", views.fact_drop, name="fact-drop"),
    path("facts/<int:pk>/correct/", views.fact_correct, name="fact-correct"),
    path("facts/<int:pk>/record/", views.fact_record, name="fact-record"),
]
