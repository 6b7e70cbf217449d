from django.contrib import admin
from django.http import HttpRequest

from austausch.matching.models import Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    """Read-only: plans change through the builder pages, whose services check rights and audit."""

    list_display = ("title", "mode", "programme", "author", "updated_at", "accepted_at")
    list_filter = ("mode",)
    search_fields = ("title",)
    readonly_fields = [field.name for field in Plan._meta.fields] + ["networks"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Plan | None = None) -> bool:
        return False
