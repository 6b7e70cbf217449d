from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "austausch.web"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from austausch.web import legal  # noqa: F401  (registers the deploy check on the legal texts)
