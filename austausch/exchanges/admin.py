from django.contrib import admin

from austausch.audit.admin import AuditedModelAdmin
from austausch.exchanges.models import AbuseReport


@admin.register(AbuseReport)
class AbuseReportAdmin(AuditedModelAdmin):
    """Reports that a request is abusive: the admins read the request they point at and act on the account."""

    list_display = ["request", "reporter", "created_at"]
    readonly_fields = ["request", "reporter", "reason", "created_at"]
    raw_id_fields = ["request"]
