"""The API's operations read from its OpenAPI schema, for the documentation page (web/api_docs.html).

The page is plain HTML in the site's layout, so it reads without JavaScript and passes the same accessibility
checks as every other page; machines read /api/v1/openapi.json itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import template

register = template.Library()

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    where: str  # path, query or body
    kind: str
    required: bool


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    signed_in: bool
    parameters: list[Parameter]
    responses: list[tuple[str, str]]
    anchor: str


@dataclass
class Group:
    tag: str
    operations: list[Operation] = field(default_factory=list)


def kind_of(schema: dict[str, Any]) -> str:
    """A short type name for a parameter's schema: `string`, `integer`, `Country`, `string or null`."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(kind_of(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"[{kind_of(schema.get('items', {}))}]"
    return str(schema.get("type", "object"))


def read_operation(method: str, path: str, spec: dict[str, Any]) -> Operation:
    parameters = [
        Parameter(item["name"], item["in"], kind_of(item.get("schema", {})), bool(item.get("required")))
        for item in spec.get("parameters", [])
    ]
    body = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body is not None:
        parameters.append(Parameter("body", "body", kind_of(body), bool(spec["requestBody"].get("required"))))
    return Operation(
        method=method.upper(),
        path=path,
        summary=spec.get("summary", ""),
        description=spec.get("description", ""),
        signed_in=bool(spec.get("security")),
        parameters=parameters,
        responses=[(code, answer.get("description", "")) for code, answer in spec.get("responses", {}).items()],
        anchor=spec.get("operationId", f"{method}-{path}"),
    )


@register.simple_tag
def api_operations(api: Any) -> list[Group]:
    """The API's operations grouped by their first tag, in the schema's order."""
    groups: dict[str, Group] = {}
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in METHODS:
            if method in operations:
                spec = operations[method]
                tag = (spec.get("tags") or [""])[0]
                groups.setdefault(tag, Group(tag)).operations.append(read_operation(method, path, spec))
    return list(groups.values())
