"""Offers and seeks: per topic, who can help; a town editor's form."""

from django.urls import path

from austausch.offers import views

app_name = "offers"
urlpatterns = [
    path("", views.topics, name="topics"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("towns/<str:key>/", views.edit_town, name="town-edit"),
    path("organisations/<int:pk>/", views.edit_organisation, name="organisation-edit"),
]
