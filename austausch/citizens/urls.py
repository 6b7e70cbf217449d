"""What readers without an account do: confirm an e-mail, follow a commitment, comment."""

from django.urls import URLPattern

app_name = "citizens"
urlpatterns: list[URLPattern] = []
