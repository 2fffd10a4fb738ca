"""A rendering that belongs to another language and is not valid in the text's language.

## What it does
Finds every rendering of every concept of the term base, in every language, and flags one that is
not a term of the text's language: CSTO or OVKS in a Portuguese text, where OTSC is the standard.
The message names the concept, the language the rendering belongs to and the rendering to use.

## Why is this bad?
A rendering from another language is the commonest slip of translation and of copy taken from a
wire in another language; readers of the target language may not recognise it, and it breaks the
house style.

## Example
In a Portuguese text: `A CSTO defende ...` is flagged; write `A OTSC defende ...`.
Not flagged: the same rendering where it is also valid in the text's language (Belarus in English,
German and Portuguese), a foreign name given as such ("a OTSC (em inglês, CSTO)"), and a passage
wholly in another language (a quoted sentence left in the original), which is checked as that
language, a Latin-script name left in the original in a Cyrillic text ("газета The Washington
Post"), a one-word term of another language with an ending of that language ("Birman", French for
Burmese, is not the German Birma), and a first name alone (Alexey is anybody's).

## Fix safety
The suggestion is the preferred rendering of the same type (acronym for acronym). Replacing it is
safe when there is exactly one and the words carry no inflection.

## Options
None. Select or ignore it with `--select TC101` / `--ignore foreign-rendering`.
"""

from __future__ import annotations

from functools import partial

from ..engine import FOREIGN, Context, RuleInfo, TermMatch
from ..findings import Finding, Severity
from ..glossary.model import Concept, Term, language_name
from ..glossary.typos import Candidate
from ..text.tokenize import Token
from ..text.wordlist import is_word
from ._common import derived_word, languages_of, quote_list, term_findings

CODE = "TC101"
NAME = "foreign-rendering"
SEVERITY = Severity.WARNING
ENABLED = True
FIX = "sometimes"
SUMMARY = "a rendering of another language that is not valid in the text's language"


def check(ctx: Context, rule: RuleInfo) -> list[Finding]:
    def message(m: TermMatch, text: str, use: tuple[str, ...]) -> str:
        return (f"'{text}' is the {languages_of(m)} rendering of concept '{m.concept.id}'; "
                f"in {language_name(m.lang)} use {quote_list(use)}")  # fmt: skip

    def inflected(m: TermMatch) -> bool:
        """A one-word term of another language with an ending of that language is a word of this one
        ("Birman", the French for Burmese, is not the German Birma with -n): only the bare form counts."""
        text = ctx.document.text[m.start : m.end]  # as read, not as written (&#x43;STO is CSTO)
        return " " not in m.term.text and text.casefold() != m.term.text.casefold()

    return (term_findings(ctx, rule, FOREIGN, message, skip=inflected) + _in_wrong_case(ctx, rule)
            + _other_spelling(ctx, rule))  # fmt: skip


def foreign_spelling(ctx: Context, word: str) -> Candidate | None:
    """The foreign term a word is another transliteration of ("Lukashenka" of the German "Lukaschenka"
    in a French text), where no term of the text's language is spelt that way; else None."""
    if ctx.index is None or len(word) < 5 or not word[:1].isupper() or not word.isalpha():
        return None
    return ctx.index.memo(
        ("foreign-spelling", word, ctx.lang, ctx.resources.words), lambda: _foreign_spelling(ctx, word)
    )


def _foreign_spelling(ctx: Context, word: str) -> Candidate | None:
    assert ctx.index is not None
    typos = ctx.index.typos
    if typos.is_term_word(word.casefold()):
        return None
    cands = typos.transliteration(word, ctx.lang)
    primary = ctx.lang.split("-", 1)[0]
    if not cands or any(c.entry.term.lang.split("-", 1)[0] == primary for c in cands):
        return None  # a spelling of the text's own term: a term-typo, if anything
    words = ctx.resources.words(ctx.lang)
    if words is not None and is_word(word.lower(), ctx.lang, words):
        return None
    for cand in sorted(cands, key=lambda c: len(c.entry.words)):  # the surname before the full name
        if cand.position != len(cand.entry.words) - 1:
            continue  # a first name alone (Alexey) is anybody's: only a name's last word tells the person
        concept_id = cand.entry.term.concept_id
        names = typos.names_in(concept_id, ctx.lang)
        typo_like = Candidate(cand.entry, cand.position, cand.distance, "typo")
        if derived_word(word, typo_like, primary, names):
            return None  # the name's adjective or demonym in the text's language (arménien)
        if ctx.index.concepts[concept_id].preferred(ctx.lang, cand.entry.term.type):
            return cand
    return None


def _other_spelling(ctx: Context, rule: RuleInfo) -> list[Finding]:
    if ctx.index is None or ctx.lang == "und":
        return []
    flagged = {word for word in ctx.document.words if foreign_spelling(ctx, word) is not None}
    if not flagged:
        return []
    out = []
    for tok in ctx.document.tokens_of(flagged):
        cand = None if ctx.covered(tok.start) else foreign_spelling(ctx, tok.text)
        if cand is None:
            continue
        term = cand.entry.term
        concept = ctx.index.concepts[term.concept_id]
        use = tuple(t.text for t in concept.preferred(ctx.lang, term.type))
        near = cand.entry.words[cand.position]
        what = f"another spelling of the {language_name(term.lang)} rendering '{near}'"
        out.append(_other_form(ctx, rule, tok, term, concept, use, what))
    return out


def _other_form(ctx: Context, rule: RuleInfo, tok: Token, term: Term, concept: Concept, use: tuple[str, ...],
                what: str, how: str = "") -> Finding:  # fmt: skip
    """The finding for a word that is `what` of a concept's term (written `how`), with the text's
    language's rendering as its unsafe fix."""
    message = (
        f"'{tok.text}' is {what} of concept '{concept.id}'{how}; in {language_name(ctx.lang)} use {quote_list(use)}"
    )
    return ctx.finding(rule, tok.start, tok.end, message, concept.id, None, use, (use[0], False),
                       near=term.text, near_language=term.lang)  # fmt: skip


def _in_wrong_case(ctx: Context, rule: RuleInfo) -> list[Finding]:
    """A one-word rendering of another language in the wrong case ("Csto", "Ovks" in a Portuguese
    text) is still that rendering; an ordinary word of the text's language never is ("uno")."""
    if ctx.index is None or ctx.lang == "und":
        return []
    doc = ctx.document
    primary = ctx.lang.split("-", 1)[0]
    flagged = {
        word: found
        for word in doc.words
        if len(word) >= 3 and word[0].isupper() and word.isalpha() and not word.isupper()
        and (found := ctx.index.memo(("wrong-case", word, ctx.lang, ctx.resources.words),
                                     partial(_wrong_case, ctx, word, primary))) is not None
    }  # fmt: skip
    if not flagged:
        return []
    out = []
    for tok in doc.tokens_of(flagged):
        found = flagged[tok.text]
        if ctx.covered(tok.start):
            continue
        if any(a <= tok.start < b for a, b in doc.skip_spans):
            continue  # an acronym in lower case is a file name, a tag, an address: not prose
        term, concept, use = found
        what = f"the {language_name(term.lang)} rendering '{term.text}'"
        out.append(_other_form(ctx, rule, tok, term, concept, use, what, " in other capitals"))
    return out


def _wrong_case(ctx: Context, word: str, primary: str) -> tuple[Term, Concept, tuple[str, ...]] | None:
    """The foreign one-word rendering a word is in other capitals, with the renderings to use; else None."""
    assert ctx.index is not None
    for cand in ctx.index.typos.case_slip(word, ctx.lang):
        term = cand.entry.term
        concept = ctx.index.concepts[term.concept_id]
        use = tuple(t.text for t in concept.preferred(ctx.lang, term.type))
        own = {t.text.casefold() for t in concept.terms_for(ctx.lang)}
        if term.lang.split("-", 1)[0] == primary or not use or word.casefold() in own:
            continue
        words = ctx.resources.words(ctx.lang)
        if words is not None and is_word(word.lower(), ctx.lang, words):
            return None
        return term, concept, use
    return None
