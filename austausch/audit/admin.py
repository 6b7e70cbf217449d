"""The admin site writes outside the services, so its model admins log to the audit trail themselves."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from austausch.audit.models import AuditEntry
from austausch.audit.services import log_action, snapshot


class AuditedModelAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: models.Model, form: ModelForm, change: bool) -> None:
        fields = [name for name in form.changed_data if name in {field.name for field in obj._meta.concrete_fields}]
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk), fields) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        label = obj._meta.label_lower
        log_action(f"{label}.{'changed' if change else 'created'}", actor=request.user, target=obj,
                   before=before, after=snapshot(obj, fields))  # fmt: skip

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        log_action(f"{obj._meta.label_lower}.deleted", actor=request.user, target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            log_action(f"{obj._meta.label_lower}.deleted", actor=request.user, target=obj)
        super().delete_queryset(request, queryset)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_label"]
    list_filter = ["action"]
    search_fields = ["action", "target_label"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
