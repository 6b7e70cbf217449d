from django.contrib.auth import views as auth_views
from django.urls import path

from austausch.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.login_code, name="login-code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password-reset-confirm"),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("two-factor/", views.two_factor_setup, name="two-factor"),
    path("two-factor/off/", views.two_factor_disable, name="two-factor-disable"),
    path("profile/", views.profile, name="profile"),
    path("profile/invite/", views.invite_person, name="invite"),
    path("profile/export/", views.export, name="export"),
    path("profile/erase/", views.erase, name="erase"),
    path("erased/", views.erased, name="erased"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/export/", views.export_of, name="person-export"),
]
