"""Commitments, their updates and the transfer ledger: what came of an exchange."""

from django.urls import path

from austausch.outcomes import feeds, staff_views, views

app_name = "outcomes"
urlpatterns = [
    path("towns/<str:key>/", views.town_page, name="town"),
    path("towns/<str:key>/updates.atom", feeds.TownFeed(), name="town-feed"),
    path("towns/<str:key>/export/<str:what>.<str:fmt>", views.town_export, name="town-export"),
    path("programmes/<slug:slug>/", views.programme_page, name="programme"),
    path("programmes/<slug:slug>/updates.atom", feeds.ProgrammeFeed(), name="programme-feed"),
    path("programmes/<slug:slug>/export/<str:what>.<str:fmt>", views.programme_export, name="programme-export"),
    path("meetings/<int:pk>/", views.meeting_page, name="meeting"),
    path("commitments/new/", staff_views.commitment_create, name="commitment-create"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment"),
    path("commitments/<int:pk>/edit/", staff_views.commitment_edit, name="commitment-edit"),
    path("commitments/<int:pk>/updates/new/", staff_views.update_create, name="post-update"),
    path("updates/<int:pk>/document/", views.update_document, name="document"),
    path("transfers/new/", staff_views.transfer_create, name="transfer-create"),
    path("transfers/<int:pk>/edit/", staff_views.transfer_edit, name="transfer-edit"),
]
