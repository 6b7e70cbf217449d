from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from austausch.audit.services import entries_for


@login_required
def object_log(request: HttpRequest, app_label: str, model: str, pk: str) -> HttpResponse:
    """The change log of one object, for those who may edit it."""
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if content_type is None:
        raise Http404
    target = content_type.model_class()._default_manager.filter(pk=pk).first()  # type: ignore[union-attr]
    if target is None:
        raise Http404
    editable_by = getattr(target, "editable_by", None)
    if editable_by is None or not editable_by(request.user):
        raise PermissionDenied
    return render(request, "audit/object_log.html", {"target": target, "entries": entries_for(target)[:200]})
