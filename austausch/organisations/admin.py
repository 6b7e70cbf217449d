from django.contrib import admin

from austausch.audit.admin import AuditedModelAdmin
from austausch.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "abbreviation", "kind", "sector", "municipality"]
    list_filter = ["kind", "sector"]
    search_fields = ["name", "abbreviation"]
    raw_id_fields = ["municipality"]
