"""The settings mypy's Django plugin reads: the real ones without django-modeltranslation.

modeltranslation swaps each translated model's manager for a class made at run time, which the plugin
cannot resolve (typeddjango/django-stubs#1023), so every query on those models would lose its type.
"""

from austausch.settings import *  # noqa: F403
from austausch.settings import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "modeltranslation"]
