"""Rule tests are data: tests/cases/<rule>.yaml, each case a text, a language, the exact findings of
that rule and, where a fix exists, the text after `--fix` (`fixed`) and after `--unsafe-fixes`
(`fixed_unsafe`). Each case runs the whole per-file pipeline: suppression comments included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from termcheck.config import Config
from termcheck.glossary.index import GlossaryIndex
from termcheck.glossary.load import _Builder, load, parse_yaml
from termcheck.glossary.model import Glossary
from termcheck.pipeline import Settings, fixed_text, lint_text
from termcheck.rules import RULES, lookup, select

CASES = Path(__file__).parent / "cases"
BUILTIN = GlossaryIndex(load()[0])


def _index(spec: Any) -> GlossaryIndex:
    if spec is None:
        return BUILTIN
    data, _ = parse_yaml(yaml.safe_dump({"version": 1, **spec}), "<case>")
    builder = _Builder("<case>")
    concepts = builder.build(data)
    assert not builder.problems, builder.problems
    return GlossaryIndex(Glossary(tuple(concepts), ("<case>",)))


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            out.append(pytest.param(spec["rule"], case, id=f"{spec['rule']}: {case['name']}"))
    return out


@pytest.mark.parametrize(("rule_name", "case"), _cases())
def test_case(rule_name: str, case: dict[str, Any]) -> None:
    index = _index(case.get("glossary"))
    rules = tuple(select() if rule_name == "unused-suppression" else lookup(rule_name) + lookup("unused-suppression"))
    settings = Settings(Config(), rules)
    findings = [f for f in lint_text("<case>", case["text"], case["lang"], settings, index) if f.rule == rule_name]
    got = [
        {
            "line": f.span.line,
            "column": f.span.column,
            "text": f.text,
            **({"suggestions": list(f.suggestions)} if "suggestions" in e else {}),
        }
        for f, e in zip(findings, case["expect"] + [{}] * len(findings), strict=False)
    ]
    assert got == case["expect"], [f.message for f in findings]
    for key, unsafe in (("fixed", False), ("fixed_unsafe", True)):
        if key in case:
            fixing = Settings(Config(), tuple(select()), fix=True, unsafe_fixes=unsafe)
            assert fixed_text("<case>", case["text"], case["lang"], fixing, index) == case[key]


def test_every_rule_has_passing_and_failing_cases() -> None:
    covered: dict[str, set[bool]] = {}
    for path in CASES.glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert path.stem == spec["rule"]
        covered[spec["rule"]] = {bool(c["expect"]) for c in spec["cases"]}
    for rule in RULES:
        assert covered.get(rule.name) == {True, False}, f"{rule.name} needs passing and failing cases"
