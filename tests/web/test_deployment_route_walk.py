"""Every staff route of an office, walked with the tokens of every role of another office and
of the root office: none gets in, whatever its role there (each office knows only its own
accounts and devices). And the deployment's routes admit nobody of an office."""

from __future__ import annotations

from antrean.usecases.access.devices import create_device
from tests.support.app import AppFactory, AppUnderTest
from tests.support.deployment import OFFICES, add_user, office_app, office_bearer, office_of
from tests.web.test_route_roles import ROLES, example_path, routes

DEPLOYMENT_ROUTES = ("/kantor", "/api/v1/deployment/offices", "/api/v1/reports/offices",
                     "/admin/daftar-kantor", "/laporan/kantor")


def tokens_of(root: AppUnderTest, code: str | None) -> dict[str, str]:
    """A token per role of office `code` (None: the root office)."""
    office = office_of(root, code) if code else root.office
    tokens = {}
    for role in ("admin", "petugas"):
        add_user(office, f"{role}-{code or 'induk'}", role)
        header = office_bearer(root, code, f"{role}-{code}") if code \
            else root.bearer(f"{role}-induk")
        tokens[role] = header["Authorization"].split()[1]
    for role in ("kiosk", "display"):
        tokens[role] = create_device(office, f"{role} {code}", role)[1]
    return tokens


def test_no_token_of_another_office_opens_a_staff_route(make_app: AppFactory) -> None:
    root = make_app(extra_tables=OFFICES)
    # Every role of another office, and the root office's admin.
    strangers = {"gambut": tokens_of(root, "gambut"),
                 "induk": {"admin": tokens_of(root, None)["admin"]}}
    app = office_app(root, "astambul")
    wrong = []
    walked = 0
    for key, rule in routes(app):
        roles = getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
        if roles == "public":
            continue
        method, path = key.split(" ")[0], "/kantor/astambul" + example_path(rule)
        for owner, tokens in strangers.items():
            for role in tokens:
                answer = root.client().open(path, method=method, json={}, headers={
                    "Authorization": f"Bearer {tokens[role]}"})
                body = answer.get_json(silent=True) or {}
                walked += 1
                if (answer.status_code, body.get("error")) != (401, "unauthorized"):
                    wrong.append(f"{method} {path} as {role} of {owner}: {answer.status_code}")
    assert walked > 500 and wrong == []
    office_tokens = tokens_of(root, "astambul")
    for path in DEPLOYMENT_ROUTES:
        for role in ROLES:
            answer = root.client().get(path, headers={
                "Authorization": f"Bearer {office_tokens[role]}"})
            # A page sends the browser to sign in; the API answers 401.
            assert answer.status_code == (401 if "/api/" in path else 302), (path, role)
