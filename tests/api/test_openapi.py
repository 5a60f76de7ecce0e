"""The OpenAPI schema is the contract the generated client is built from."""

from __future__ import annotations

from litestar import Litestar


def test_every_operation_has_an_id_tags_and_declared_problems(app: Litestar) -> None:
    schema = app.openapi_schema.to_schema()
    operation_ids = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            assert operation.get("operationId"), (method, path)
            assert operation.get("tags"), (method, path)
            operation_ids.append(operation["operationId"])
            errors = {code: r for code, r in operation["responses"].items() if code.startswith(("4", "5"))}
            assert errors, f"{method} {path} declares no error response"
            for code, response in errors.items():
                assert "application/problem+json" in response.get("content", {}), (method, path, code)
    assert len(operation_ids) == len(set(operation_ids)), "operation ids must be unique"


def test_component_names_do_not_collide(app: Litestar) -> None:
    """Two structs with one name get module-prefixed names, which would rename client types silently."""
    names = app.openapi_schema.to_schema()["components"]["schemas"]
    assert not [name for name in names if "_schemas_" in name or name.startswith("tandem_")]
