"""A signed-in person's exchange requests: asking, the list, one request with its thread and its steps."""

from django.urls import path

from austausch.exchanges import views

app_name = "exchanges"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("people/", views.people, name="people"),
    path("people/me/", views.listing, name="listing"),
    path("ask/<str:addressee>/<str:reference>/", views.ask, name="ask"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/message/", views.message, name="message"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/<str:step>/", views.step, name="step"),
]
