from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "austausch.web"
    verbose_name = _("Public site")
    default = True

    def ready(self) -> None:
        from austausch.web import legal  # noqa: F401  (registers the deploy check on the legal texts)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the platform's sign-in (and its second step) in front."""

    default = False
    default_site = "austausch.web.admin_site.TwoFactorAdminSite"
