"""`termcheck glossary check`: validate term base files and run every concept's examples."""

from __future__ import annotations

from typing import TextIO

from ..errors import GlossaryError
from ..findings import Finding
from .files import expand
from .load import Problem, errors, read_file
from .model import Concept, Example, Glossary
from .validate import validate


def run_examples(glossary: Glossary) -> list[Problem]:
    """Each good example must give no finding for its concept; each bad one must give its rule's finding."""
    from ..pipeline import example_findings
    from ..rules import select
    from .index import GlossaryIndex

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


def check(paths: list[str], out: TextIO, err: TextIO) -> int:
    try:
        sources = expand(paths)
    except GlossaryError as exc:
        print(f"error: {exc}", file=err)
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
    problems += validate(glossary)
    if not errors(problems):
        problems += run_examples(glossary)
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.column)):
        print(problem, file=out)
    examples = sum(len(c.examples) for c in glossary.concepts)
    warnings = len(problems) - len(errors(problems))
    print(
        f"{len(sources)} file(s), {len(glossary.concepts)} concepts, {glossary.term_count} terms, "
        f"{examples} examples: {len(errors(problems))} problem(s)" + (f", {warnings} warning(s)" if warnings else ""),
        file=err,
    )
    if unreadable:
        return 2
    return 1 if errors(problems) else 0
