"""The REST API under /api/v1/: one NinjaAPI, one router per area. Errors answer {"detail": "..."}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.docs import DocsBase
from ninja.openapi.schema import OpenAPISchema

from austausch.citizens.api import router as citizens_router
from austausch.exchanges.api import router as exchanges_router
from austausch.knowledge.api import router as knowledge_router
from austausch.matching.api import router as matching_router
from austausch.organisations.api import router as organisations_router
from austausch.outcomes.api import router as outcomes_router
from austausch.programmes.api import router as programmes_router
from austausch.radar.api import router as radar_router
from austausch.registry.api import router as registry_router

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"title": "Detail", "type": "string"}},
    "required": ["detail"],
}


class AustauschAPI(NinjaAPI):
    """The schema lists the errors each operation can answer, all as {"detail": "..."}."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict | None = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in error_responses(path, operation):
                    if status in responses or str(status) in responses:
                        continue  # the operation describes this error itself
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    }
        return schema


def error_responses(path: str, operation: dict) -> list[tuple[int | str, str]]:
    errors: list[tuple[int | str, str]] = []
    if operation.get("security"):
        errors += [(401, "Not signed in"), (403, "Not allowed, or the CSRF token is missing")]
    if "{" in path:
        errors.append((404, "Not found"))
    if "requestBody" in operation:
        errors.append((413, "Request body too large"))
    if operation.get("parameters") or "requestBody" in operation:
        errors.append((422, "Invalid input, each wrong field named"))
    errors.append(("default", "Any other error, the server's own (500) included"))
    return errors


class ApiReference(DocsBase):
    """The documentation page in the site's own layout, plain HTML read from the schema (web/api_docs.html).
    Rendered by Django, so ninja need not be an installed app (which would import pydantic at every start)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        return render(request, "web/api_docs.html", {"api": api})


api = AustauschAPI(
    title="Austausch API",
    version="1",
    description="Open data on municipalities and their exchange programmes. Lists answer "
    '{"count": N, "items": [...]} and take ?page= and ?page_size=; errors answer {"detail": "..."}.',
    urls_namespace="api",
    docs_url=None,
    docs=ApiReference(),
)
api.add_router("/", registry_router)
api.add_router("/", organisations_router)
api.add_router("/", knowledge_router)
api.add_router("/", programmes_router)
api.add_router("/", matching_router)
api.add_router("/", outcomes_router)
api.add_router("/", citizens_router)
api.add_router("/", radar_router)
api.add_router("/", exchanges_router)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Say in words which field is wrong, instead of pydantic's nested error list."""
    messages = []
    for item in error.errors:
        location = list(item.get("loc", ()))
        # ("query", "page") or ("body", "payload", "sector"): keep the field, drop where and the parameter name.
        field = ".".join(str(part) for part in location[2 if location[:1] == ["body"] else 1 :]) or "request"
        messages.append(f"{field}: {item.get('msg', 'invalid')}")
    return api.create_response(request, {"detail": "; ".join(messages), "errors": error.errors}, status=422)
