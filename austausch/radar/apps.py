from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadarConfig(AppConfig):
    name = "austausch.radar"
    verbose_name = _("Radar")
