"""Calendar URLs, outside the language prefix: a calendar program subscribes to one address."""

from django.urls import path

from austausch.programmes import feeds

app_name = "calendar"
urlpatterns = [
    path("programmes/<slug:slug>.ics", feeds.programme_feed, name="programme"),
    path("meetings/<int:pk>.ics", feeds.meeting_download, name="meeting"),
    path("towns/<str:key>.ics", feeds.town_feed, name="town"),
    path("people/<int:pk>/<str:token>.ics", feeds.person_feed, name="person"),
]
