"""Rules of the house that import-linter cannot see: it knows a module imports sqlalchemy, not
which names. Use cases hold transactions and rules; the SQL they run lives in antrean/db."""

from __future__ import annotations

import ast
from pathlib import Path

USECASES = Path(__file__).resolve().parent.parent / "antrean" / "usecases"

# Sessions, transactions and database errors belong to a use case; building statements does not.
ALLOWED_FROM_SQLALCHEMY = {"sqlalchemy.orm": {"Session", "sessionmaker"},
                           "sqlalchemy.exc": None}  # None: any name


def statement_imports(source: str) -> list[str]:
    """The SQL-building names a module imports from SQLAlchemy, as "module.name"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names
                      if alias.name.split(".")[0] == "sqlalchemy"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            allowed = ALLOWED_FROM_SQLALCHEMY.get(node.module or "", set())
            found += [f"{node.module}.{alias.name}" for alias in node.names
                      if allowed is not None and alias.name not in allowed]
    return found


def test_use_cases_build_no_sql_statements() -> None:
    offenders = {str(path.relative_to(USECASES)): names
                 for path in sorted(USECASES.rglob("*.py"))
                 if (names := statement_imports(path.read_text(encoding="utf-8")))}
    assert offenders == {}, "move these queries into antrean/db"


def test_the_rule_sees_select_func_and_dialect_inserts() -> None:
    source = ("from sqlalchemy import func, select\n"
              "from sqlalchemy.orm import Session\n"
              "from sqlalchemy.exc import IntegrityError\n"
              "from sqlalchemy.dialects.postgresql import insert\n"
              "import sqlalchemy\n")
    assert statement_imports(source) == [
        "sqlalchemy.func", "sqlalchemy.select", "sqlalchemy.dialects.postgresql.insert",
        "sqlalchemy"]


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def test_browser_tests_wait_from_outside_the_page() -> None:
    """Playwright's wait_for_function compiles its predicate inside the page, which the pages'
    Content-Security-Policy refuses (no unsafe-eval). It fails only when the condition is not
    true already at the first look: a test that passes on a fast run and fails on a slow one.
    tests.support.browser.wait_for polls from outside the page instead."""
    calls = [f"{path.name}:{node.lineno}"
             for path in sorted(BROWSER_TESTS.glob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Attribute) and node.attr == "wait_for_function"]
    assert calls == []
