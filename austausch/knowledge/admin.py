from django.contrib import admin

from austausch.audit.admin import AuditedModelAdmin
from austausch.knowledge.models import Publication, Topic


@admin.register(Topic)
class TopicAdmin(AuditedModelAdmin):
    list_display = ["label_en", "label_de", "parent", "position"]
    list_filter = ["parent"]
    search_fields = ["label_en", "label_de", "slug"]
    prepopulated_fields = {"slug": ["label_en"]}


@admin.register(Publication)
class PublicationAdmin(AuditedModelAdmin):
    list_display = ["title", "publisher", "published_on", "language"]
    search_fields = ["title", "authors", "publisher"]
    filter_horizontal = ["topics", "practices"]
