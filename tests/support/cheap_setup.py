"""What every in-process test repeats without testing it, made cheap (issue 12: `make check`
under a minute on 2 CPUs). Both change cost only, never behaviour; servers started by the
live tests (their own processes) keep the product's full cost.

- Password hashing: scrypt at n=2**14 is about 0.08 s of CPU per hash and per check by
  design, and the suite signs in over a thousand times. In-process tests hash at n=2**10:
  the same code path and the same stored format (the cost is stored with each hash and read
  back when checking, which tests/usecases/test_login_timing.py compares), a sixteenth of
  the work. tests/core/test_passwords.py keeps the product's cost itself under test.
- URL builders: Werkzeug compiles two Python functions per route (ast + compile) each time
  an app is created, about half of create_app's time with ~180 routes. The generated
  function is a pure function of the rule's text, its parsed parts and its defaults (the
  rule object comes in as an argument), so the one compiled for an identical rule of an
  earlier app is handed out again.
- Rules: parsing each rule's text into its parts (regular expressions and weights) is
  another tenth of create_app; the parts are a pure function of the text and the map's
  converter classes, so an identical rule of an earlier app gets them again, with its own
  converters made for its own map.
- Templates: each app's Jinja environment compiles every template it renders again (about a
  tenth of a page test's time). share_compiled_templates() gives the apps of a process one
  in-memory bytecode cache; Jinja keys it by template name and checks it against a checksum
  of the source, so a changed template is compiled anew.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from flask import Flask
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from werkzeug.routing.rules import Rule, RulePart

from antrean.core import passwords

PRODUCT_SCRYPT_N = passwords._N  # noqa: SLF001 - before cheap_password_hashing()
TEST_SCRYPT_N = 2**10

_Builder = Callable[..., tuple[str, str]]
ORIGINALS: dict[str, Any] = {}
"""Werkzeug's own Rule methods the reuse replaced, by name (tests/test_cheap_setup.py)."""


def cheap_password_hashing() -> None:
    passwords._N = TEST_SCRYPT_N  # noqa: SLF001 - read at each hash_password call


def reuse_url_builders() -> None:
    if getattr(Rule, "_antrean_cached_builders", False):
        return
    compile_builder = Rule._compile_builder
    built: dict[tuple[Any, ...], _Builder] = {}

    def cached(self: Rule, append_unknown: bool = True) -> _Builder:
        defaults = self.defaults or {}
        key = (self.rule, tuple(self._trace), append_unknown,
               tuple(sorted((name, repr(value), _converter_key(self, name))
                            for name, value in defaults.items())))
        if key not in built:
            built[key] = compile_builder(self, append_unknown)
        return built[key]

    Rule._compile_builder = cached  # type: ignore[method-assign]
    Rule._antrean_cached_builders = True  # type: ignore[attr-defined]
    ORIGINALS["_compile_builder"] = compile_builder


_Parsed = tuple[list[RulePart], list[tuple[bool, str]], list[tuple[str, str, Any, Any]]]


def reuse_parsed_rules() -> None:
    if getattr(Rule, "_antrean_cached_parses", False):
        return
    parse_rule = Rule._parse_rule
    parsed: dict[tuple[Any, ...], _Parsed] = {}

    def cached(self: Rule, rule: str) -> Iterator[RulePart]:
        assert self.map is not None
        key = (rule, tuple(sorted(self.map.converters.items())))
        if key not in parsed:
            made: list[tuple[str, str, Any, Any]] = []
            get_converter = self.get_converter

            def recording(variable: str, name: str, args: Any, kwargs: Any) -> Any:
                made.append((variable, name, args, kwargs))
                return get_converter(variable, name, args, kwargs)

            trace_from = len(self._trace)
            self.get_converter = recording  # type: ignore[method-assign]
            try:
                parts = list(parse_rule(self, rule))
            finally:
                del self.get_converter
            parsed[key] = (parts, self._trace[trace_from:], made)
            return iter(parts)
        parts, trace, made = parsed[key]
        # What parsing does to the rule besides its parts: the trace, converters, arguments.
        self._trace.extend(trace)
        for variable, name, args, kwargs in made:
            self._converters[variable] = self.get_converter(variable, name, args, kwargs)
            self.arguments.add(variable)
        return iter(parts)

    Rule._parse_rule = cached  # type: ignore[method-assign]
    Rule._antrean_cached_parses = True  # type: ignore[attr-defined]
    ORIGINALS["_parse_rule"] = parse_rule


def _converter_key(rule: Rule, name: str) -> tuple[Any, ...]:
    """A default for a name in the rule is baked in through its converter's to_url."""
    converter = rule._converters.get(name)
    if converter is None:
        return ()
    return (type(converter), tuple(sorted((key, repr(value)) for key, value
                                          in vars(converter).items() if key != "map")))


class _InMemoryBytecode(BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_BYTECODE = _InMemoryBytecode()


def share_compiled_templates(app: Flask) -> None:
    app.jinja_env.bytecode_cache = _TEMPLATE_BYTECODE
