"""The shipped term base as a product: its size, its sources, its languages, and every state's names
checked against Unicode CLDR (babel ships CLDR's data: a test dependency)."""

from __future__ import annotations

import pytest

from termcheck.glossary.load import load
from termcheck.glossary.model import Concept, Glossary

SIX = ("en", "de", "ru", "pt", "fr", "es")


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    glossary, problems = load(["builtin"])
    assert not [p for p in problems if not p.warning], problems
    return glossary


def test_the_term_base_has_300_sourced_concepts_in_six_languages(shipped: Glossary) -> None:
    assert len(shipped.concepts) >= 300
    unsourced = [c.id for c in shipped.concepts if not c.sources]
    assert not unsourced, f"concepts without sources: {unsourced[:20]}"
    missing = {c.id: [lang for lang in SIX if not c.terms_for(lang)] for c in shipped.concepts}
    assert not {k: v for k, v in missing.items() if v}


def _cldr_exceptions(concept: Concept) -> set[str]:
    return {line.split(":", 1)[0].split()[1] for line in (concept.note or "").splitlines()
            if line.startswith("CLDR ") and ":" in line}  # fmt: skip


def test_state_names_agree_with_cldr(shipped: Glossary) -> None:
    babel = pytest.importorskip("babel", reason="babel (CLDR's data) is a test dependency: pip install -e '.[test]'")
    from babel import Locale

    states = [c for c in shipped.concepts if c.territory]
    assert len(states) >= 50, "every state of the term base names its territory code"
    disagreements = []
    checked = 0
    for concept in states:
        for lang in (*SIX, "it", "pt-PT"):
            if concept.lang_key(lang) is None:
                continue
            name = Locale.parse(lang.replace("-", "_")).territories.get(concept.territory)
            assert name, f"{concept.id}: CLDR has no territory {concept.territory!r}"
            checked += 1
            texts = {t.text for t in concept.terms_for(lang)}
            if name not in texts and lang not in _cldr_exceptions(concept):
                disagreements.append(f"{concept.id} ({lang}): CLDR {name!r}, term base {sorted(texts)}")
    assert checked >= 300
    assert not disagreements, f"babel {babel.__version__}: " + "; ".join(disagreements)


def test_dated_deprecations_carry_their_date(shipped: Glossary) -> None:
    for cid, term in (("kyiv", "Kiev"), ("almaty", "Alma-Ata"), ("astana", "Nur-Sultan")):
        concept = shipped.concept(cid)
        assert concept is not None, cid
        old = [t for t in concept.terms_for("en") if t.text == term]
        assert old and old[0].status.value == "deprecated" and old[0].since, (cid, old)


def test_every_term_base_file_parses_with_the_pure_python_yaml_parser_too() -> None:
    """termcheck reads with libyaml where it is there; PyYAML without it, ruamel.yaml (`glossary edit`) and other
    tools parse more strictly: an unquoted address with '?' in a flow mapping failed there (ministers.yaml)."""
    from pathlib import Path

    import yaml

    files = sorted((Path(__file__).parent.parent / "glossary").glob("*.yaml"))
    assert len(files) >= 9
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)  # raises on a file it cannot read
