"""Rule tests are data: tests/cases/<rule>.yaml, each case a text, a language and the exact findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from termcheck.engine import lint
from termcheck.glossary.index import GlossaryIndex
from termcheck.glossary.load import _Builder, load
from termcheck.glossary.model import Glossary
from termcheck.rules import RULES, lookup
from termcheck.sources.document import Document
from termcheck.text.language import identify

CASES = Path(__file__).parent / "cases"
BUILTIN = GlossaryIndex(load()[0])


def _index(spec: Any) -> GlossaryIndex:
    if spec is None:
        return BUILTIN
    from termcheck.glossary.load import parse_yaml

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
    rules = lookup(rule_name)
    doc = Document("<case>", case["text"], case["lang"])
    _ctx, findings = lint(doc, index, rules, lambda text: identify(text, index.glossary.languages))
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
    assert all(f.rule == rule_name for f in findings)


def test_every_rule_has_passing_and_failing_cases() -> None:
    covered: dict[str, set[bool]] = {}
    for path in CASES.glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert path.stem == spec["rule"]
        covered[spec["rule"]] = {bool(c["expect"]) for c in spec["cases"]}
    for rule in RULES:
        assert covered.get(rule.name) == {True, False}, f"{rule.name} needs passing and failing cases"
