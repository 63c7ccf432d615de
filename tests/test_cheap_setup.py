"""The routing that in-process apps get from tests/support/cheap_setup.py is the routing
Werkzeug makes: every rule of a second app, parsed and compiled again from scratch by
Werkzeug's own methods, comes out the same."""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.routing import Map, Rule

from tests.support.app import AppFactory
from tests.support.cheap_setup import ORIGINALS


def converters_of(rule: Rule) -> dict[str, tuple[type, dict[str, Any]]]:
    return {name: (type(converter), {key: value for key, value in vars(converter).items()
                                     if key != "map"})
            for name, converter in rule._converters.items()}


def test_reused_rules_are_the_rules_werkzeug_makes(make_app: AppFactory,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    make_app()  # the first app fills the caches, the second is served from them
    reused = make_app().app.url_map
    assert set(ORIGINALS) == {"_parse_rule", "_compile_builder"}
    for name, original in ORIGINALS.items():
        monkeypatch.setattr(Rule, name, original)
    fresh = Map(converters=dict(reused.converters), strict_slashes=reused.strict_slashes,
                merge_slashes=reused.merge_slashes)
    rules = list(reused.iter_rules())
    for rule in rules:
        fresh.add(rule.empty())
    assert len(rules) > 150
    for ours, werkzeugs in zip(rules, fresh.iter_rules(), strict=True):
        assert ours.rule == werkzeugs.rule
        assert ours._parts == werkzeugs._parts
        assert ours._trace == werkzeugs._trace
        assert ours.arguments == werkzeugs.arguments
        assert converters_of(ours) == converters_of(werkzeugs)
        assert all(converter.map is reused for converter in ours._converters.values())
        values = {name: sorted(getattr(converter, "items", ["1"]))[0]  # an any() takes its own
                  for name, converter in ours._converters.items()}
        assert ours.build(values) == werkzeugs.build(values)
