from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the stack: pages that gather from every other app (the home page, the workspace)."""

    name = "austausch.portal"
    verbose_name = _("Portal")
