"""What readers without an account do: confirm an e-mail, follow a commitment, comment."""

from django.urls import path

from austausch.citizens import views

app_name = "citizens"
urlpatterns = [
    path("comment/<str:type_name>/<int:pk>/", views.comment, name="comment"),
    path("follow/<str:type_name>/<int:pk>/", views.follow, name="follow"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("my-data/<str:token>/", views.reader, name="reader"),
    path("comments/<int:pk>/report/", views.report, name="report"),
    path("comments/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("comments/<int:pk>/answer/", views.answer, name="answer"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/programmes/<slug:slug>/", views.programme_moderation, name="programme-moderation"),
]
