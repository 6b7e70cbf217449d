from django.urls import path

from austausch.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("<str:key>/", views.municipality_detail, name="municipality"),
]
