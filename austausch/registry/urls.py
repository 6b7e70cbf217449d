from django.urls import path

from austausch.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("<str:key>/", views.municipality_detail, name="municipality"),
    path("<str:key>/partnerships/", views.partnerships, name="partnerships"),
    path("<str:key>/partnerships/new/", views.partnership_add, name="partnership-add"),
    path("<str:key>/partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership-edit"),
]
