"""Every page carries a Content-Security-Policy that forbids inline script, and answers about
staff, devices and the API are never kept in a browser or proxy cache (issue 11, defect 11)."""

from __future__ import annotations

import re

from flask import Flask

from antrean.core.access import Role
from tests.support.app import AppUnderTest

# What each URL parameter is filled with when the walk visits a route.
SAMPLE_VALUES = {"public_id": "abc", "code": "KTP", "number": "1", "service": "KTP",
                 "day": "2026-11-24", "filename": "css/antrean.css", "kind": "csv",
                 "name": "promo.png", "agency": "kantor"}
NO_STORE_PREFIXES = ("/admin", "/api/", "/console", "/laporan", "/monitor", "/devices", "/p/",
                     "/setup")


def page_paths(app: Flask) -> list[str]:
    """Every GET route of the app, its parameters filled with sample values."""
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()):
            continue
        paths.append(re.sub(r"<(?:[^:<>]+:)?([^<>]+)>",
                            lambda m: SAMPLE_VALUES[m.group(1)], rule.rule))
    return sorted(paths)


def script_sources(policy: str) -> str:
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return directives.get("script-src", directives.get("default-src", ""))


def test_every_page_carries_a_policy_without_inline_script(
        app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    visitors = {"anonymous": app_under_test.client(), "admin": app_under_test.signed_in("kepala")}
    paths = page_paths(app_under_test.app)
    assert len(paths) > 40  # the walk really covers the app
    for who, browser in visitors.items():
        for path in paths:
            response = browser.get(path)
            policy = response.headers.get("Content-Security-Policy", "")
            assert "script-src 'self'" in policy or "default-src 'self'" in policy, (who, path)
            assert "unsafe-inline" not in script_sources(policy), (who, path)
            assert "unsafe-eval" not in policy, (who, path)
            assert "object-src 'none'" in policy and "frame-ancestors" in policy, (who, path)


def test_admin_and_api_answers_are_never_cached(app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    admin = app_under_test.signed_in("kepala")
    paths = [path for path in page_paths(app_under_test.app)
             if path.startswith(NO_STORE_PREFIXES)]
    assert "/admin/perangkat" in paths and "/api/v1/queue" in paths
    for path in paths:
        for browser in (admin, app_under_test.client()):
            cache = browser.get(path).headers.get("Cache-Control", "")
            assert "no-store" in cache, (path, cache)


def test_served_pages_hold_no_inline_script_or_handler(app_under_test: AppUnderTest) -> None:
    """The policy would block them, so a page that still had one would be broken."""
    app_under_test.add_user("kepala", Role.ADMIN)
    admin = app_under_test.signed_in("kepala")
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+=\"|"
                        r"\sstyle=\"|javascript:", re.IGNORECASE)
    for path in page_paths(app_under_test.app):
        response = admin.get(path)
        if response.mimetype == "text/html":
            found = inline.search(response.text)
            assert found is None, (path, found and found.group(0))
