from django.urls import path

from austausch.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.search, name="search"),
    path("practices/new/", views.practice_create, name="practice-create"),
    path("practices/<int:pk>/", views.practice_detail, name="practice"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice-edit"),
    path("practices/<int:pk>/publish/", views.practice_publish, name="practice-publish"),
    path("publications/", views.publication_list, name="publications"),
    path("publications/<int:pk>/", views.publication_detail, name="publication"),
]
