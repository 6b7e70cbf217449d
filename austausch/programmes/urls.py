from django.urls import path

from austausch.programmes import staff_views, views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", staff_views.programme_create, name="create"),
    path("network/", views.network_overall, name="network"),
    path("mine/", views.my_programmes, name="mine"),
    path("participations/<int:pk>/answer/", views.answer, name="answer"),
    path("registration/<str:token>/cancel/", views.registration_cancel, name="registration-cancel"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/register/", views.meeting_register, name="register"),
    path("meetings/<int:pk>/registered/", views.registered, name="registered"),
    path("meetings/<int:pk>/manage/", staff_views.meeting_manage, name="meeting-manage"),
    path("meetings/<int:pk>/edit/", staff_views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/sessions/", staff_views.session_add, name="session-add"),
    path("meetings/<int:pk>/costs/", staff_views.cost_add, name="cost-add"),
    path("meetings/<int:pk>/delegations/", staff_views.delegation_add, name="delegation-add"),
    path("meetings/<int:pk>/invite/", staff_views.participant_invite, name="invite"),
    path("meetings/<int:pk>/report/", staff_views.report_update, name="report"),
    path("meetings/<int:pk>/files/", staff_views.file_add, name="file-add"),
    path("meetings/<int:pk>/files/<int:file_pk>/remove/", staff_views.file_remove, name="file-remove"),
    path("files/<int:pk>/", views.meeting_file, name="file"),
    path("meetings/<int:pk>/registrations/", staff_views.registrations, name="registrations"),
    path("meetings/<int:pk>/registrations.csv", staff_views.registrations_csv, name="registrations-csv"),
    path(
        "meetings/<int:pk>/registrations/<int:registration_pk>/check-in/",
        staff_views.registration_check_in,
        name="check-in",
    ),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/edit/", staff_views.programme_edit, name="edit"),
    path("<slug:slug>/rounds/", staff_views.round_add, name="round-add"),
    path("<slug:slug>/meetings/new/", staff_views.meeting_create, name="meeting-create"),
    path("<slug:slug>/network/", views.programme_network, name="programme-network"),
]
