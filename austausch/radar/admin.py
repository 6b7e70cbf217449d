from django.contrib import admin
from django.http import HttpRequest

from austausch.radar.models import Comment, Fact, KnownName, Source


class FactInline(admin.TabularInline):
    model = Fact
    fields = ("kind", "value", "spans", "state", "reviewer", "record_type", "record_id")
    readonly_fields = fields
    extra = 0
    can_delete = False


class CommentInline(admin.TabularInline):
    model = Comment
    fields = ("author", "published", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """For looking things up; texts come in through the radar's upload, facts change through its review."""

    list_display = ("__str__", "name", "language", "published_on", "created_at", "uploaded_by")
    search_fields = ("title", "name", "text")
    readonly_fields = ("name", "text", "language", "title", "published_on", "notes", "uploaded_by", "created_at")
    exclude = ("original",)
    inlines = [FactInline, CommentInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(KnownName)
class KnownNameAdmin(admin.ModelAdmin):
    """Names the radar recognises besides the built-in ones (`radar/data/known_names.json`) and the records'."""

    list_display = ("spelling", "name", "abbreviation", "kind", "added_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("spelling", "name", "abbreviation")
    readonly_fields = ("source", "added_by", "created_at")
