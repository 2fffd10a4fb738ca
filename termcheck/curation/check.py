"""`termcheck glossary check`: validate term base files and run every concept's examples."""

from __future__ import annotations

from collections.abc import Container
from typing import TextIO

from ..errors import GlossaryError
from ..findings import Finding
from ..glossary.files import expand
from ..glossary.load import errors, read_file
from ..glossary.model import Concept, Example, Glossary, Problem
from ..glossary.qa import WARNING_CODES, qa
from ..glossary.validate import validate


def run_examples(glossary: Glossary) -> list[Problem]:
    """Each good example must give no finding for its concept; each bad one must give its rule's finding."""
    from ..glossary.index import GlossaryIndex
    from ..pipeline import example_findings
    from ..rules import select

    index = GlossaryIndex(glossary)
    rules = select(["ALL"], ["spelling"])  # the examples are about terms, not the word lists
    problems = []
    for concept in glossary.concepts:
        for example in concept.examples:
            findings = example_findings(example.text, example.lang, index, rules)
            mine = [f for f in findings if f.concept in (concept.id, None)]
            message = _verdict(example, mine)
            if message:
                pos = example.position
                problems.append(
                    Problem(
                        pos.path if pos else "?",
                        pos.line if pos else 1,
                        pos.column if pos else 1,
                        f"concepts({concept.id}).examples: {message}",
                    )
                )
    return problems


def _verdict(example: Example, findings: list[Finding]) -> str | None:
    """Why an example fails, or None when it behaves as it says."""
    from ..rules import lookup

    shown = "; ".join(f"{f.rule} at column {f.span.column}" for f in findings) or "none"
    if example.good:
        if any(f.rule != "admitted-term" for f in findings):
            return f"good example {example.text!r} ({example.lang}) gives findings: {shown}"
        return None
    wanted = {r.name for r in lookup(example.rule)} if example.rule else None
    if example.rule and not wanted:
        return f"bad example names unknown rule {example.rule!r}"
    if not any(wanted is None or f.rule in wanted for f in findings):
        return f"bad example {example.text!r} ({example.lang}) gives no {example.rule or 'finding'} (found: {shown})"
    return None


def check(paths: list[str], out: TextIO, err: TextIO, fmt: str = "text", ignore: tuple[str, ...] = ()) -> int:
    """Validate the files, run the term-base QA and the examples; print the problems (text or JSON)."""
    try:
        sources = expand(paths)
    except GlossaryError as exc:
        print(f"error: {exc}", file=err)
        return 2
    unknown = [code for code in ignore if code not in WARNING_CODES]
    if unknown:
        print(f"error: --ignore: {unknown[0]!r} is not a warning code ({', '.join(WARNING_CODES)})", file=err)
        return 2
    concepts: list[Concept] = []
    problems: list[Problem] = []
    unreadable = False
    for path, label in sources:
        try:
            found, probs = read_file(path, label)
        except GlossaryError as exc:
            if exc.line is not None:  # a syntax error: a problem in the file
                problems.append(Problem(exc.path or label, exc.line, exc.column or 1, exc.message))
            else:
                print(f"error: {exc}", file=err)
                unreadable = True
            continue
        concepts += found
        problems += probs
    glossary = Glossary(tuple(concepts), tuple(label for _p, label in sources))
    problems += validate(glossary) + qa(glossary, _words)
    if not errors(problems):
        problems += run_examples(glossary)
    problems = sorted((p for p in problems if p.code not in ignore), key=lambda p: (p.path, p.line, p.column))
    examples = sum(len(c.examples) for c in glossary.concepts)
    warnings = len(problems) - len(errors(problems))
    summary = {"files": len(sources), "concepts": len(glossary.concepts), "terms": glossary.term_count,
               "examples": examples, "problems": len(errors(problems)), "warnings": warnings}  # fmt: skip
    if fmt == "json":
        _json(problems, summary, out)
    else:
        for problem in problems:
            print(problem, file=out)
    print(
        f"{len(sources)} file(s), {len(glossary.concepts)} concepts, {glossary.term_count} terms, "
        f"{examples} examples: {len(errors(problems))} problem(s)" + (f", {warnings} warning(s)" if warnings else ""),
        file=err,
    )
    if unreadable:
        return 2
    return 1 if errors(problems) else 0


def _words(lang: str) -> Container[str] | None:
    from ..text.wordlist import known_words

    return known_words(lang)


def _json(problems: list[Problem], summary: dict[str, int], out: TextIO) -> None:
    import json

    items = [{"path": p.path, "line": p.line, "column": p.column, "severity": "warning" if p.warning else "error",
              "code": p.code, "message": p.message} for p in problems]  # fmt: skip
    json.dump({"version": 1, "problems": items, "summary": summary}, out, ensure_ascii=False, indent=2)
    out.write("\n")
