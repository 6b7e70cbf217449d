from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "austausch.citizens"
    verbose_name = _("Citizens")

    def ready(self) -> None:
        from austausch.citizens import receivers  # noqa: F401  (connects the signal receivers)
