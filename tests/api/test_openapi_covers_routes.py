"""Every /api/v1 route is in the OpenAPI document, so the schemathesis fuzzers reach it: a
route added without its description fails here instead of going unfuzzed."""

from __future__ import annotations

import re

from tests.support.app import AppUnderTest

# Routes that describe the API itself rather than being part of it.
NOT_DESCRIBED = {("GET", "/api/v1/openapi.json")}


def _shapes(rule: str) -> set[str]:
    """/api/v1/tickets/<int:id>/<any(start, finish):action> -> {/tickets/{}/start,
    /tickets/{}/finish}: the OpenAPI paths of a Flask rule, parameter names aside."""
    path = rule.removeprefix("/api/v1")
    choice = re.search(r"<any\(([^)]*)\):[^>]+>", path)
    if choice:
        words = [word.strip(" '") for word in choice.group(1).split(",")]
        return {shape for word in words
                for shape in _shapes(path[:choice.start()] + word + path[choice.end():])}
    return {re.sub(r"<[^>]+>", "{}", path)}


def _described(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def test_every_api_route_is_described(app_under_test: AppUnderTest) -> None:
    app = app_under_test.app
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    described = {(method.upper(), _described(path))
                 for path, operations in spec["paths"].items() for method in operations}
    routes = {(method, shape)
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")
              for method in rule.methods or () if method not in {"HEAD", "OPTIONS"}
              if (method, rule.rule) not in NOT_DESCRIBED
              for shape in _shapes(rule.rule)}
    assert sorted(routes - described) == []
    assert sorted(described - routes) == []  # nor a description of a route that is gone
