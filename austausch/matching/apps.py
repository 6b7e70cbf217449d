from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "austausch.matching"
    verbose_name = _("Peer finder and network builder")
