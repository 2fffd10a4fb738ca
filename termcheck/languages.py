"""Language tags as users type them: `PT-br`, `pt_BR` and `pt-BR` are one tag; an unknown language is
an error with the nearest known tag, never a run that quietly checks nothing. `lookup` is the one
place that says which of a term base's tags serve a text's tag (pt-BR → pt and back)."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from .errors import ConfigError, nearest

# ISO 639-1 codes: the languages a tag may name (py3langid knows 97 of them; a term base may add any).
_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de "
    "dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id "
    "ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu "
    "lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu "
    "rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr "
    "ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu "
)
ISO_639_1 = frozenset(_CODES.split())
_TAG_RE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?$")


def normalize(tag: str) -> str | None:
    """A tag in its canonical case (pt-BR, sr-Latn-RS), or None when it is not a language tag at all."""
    m = _TAG_RE.match(tag.strip())
    if not m:
        return None
    primary, script, region = m.groups()
    parts = [primary.lower()]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    return "-".join(parts)


@lru_cache(maxsize=1024)
def canonical(tag: str) -> str:
    """`tag` in its canonical case (DE-DE → de-DE), or as given when it is no tag (und, x-custom)."""
    return normalize(tag) or tag


def fallbacks(tag: str) -> tuple[str, ...]:
    """The tag and the tags it falls back to, by RFC 4647 lookup: sr-Latn-RS → sr-Latn → sr."""
    parts = canonical(tag).split("-")
    return tuple("-".join(parts[:n]) for n in range(len(parts), 0, -1))


def same_language(a: str, b: str) -> bool:
    """Whether two tags name one language, whatever their regions or scripts (pt and pt-BR, DE-de and de)."""
    return fallbacks(a)[-1] == fallbacks(b)[-1]


def lookup(tag: str, available: Collection[str]) -> tuple[str, ...]:
    """The tags of `available` (canonical, as a term base holds them) that serve a text in `tag`, best
    first. The tag itself, else the first tag it falls back to (RFC 4647 lookup: a pt-BR text is served
    by pt-BR, else by pt): one tag, whose status of a term wins over any other's. Where neither the tag
    nor a fallback is there, every tag that narrows the nearest fallback (a pt text and a term base with
    only pt-BR and pt-PT, a de text and MultiTerm's de-DE, a de-AT text and de-DE), sorted: the text
    may be of any of those regions, so each of them serves it. Tags are compared in canonical case."""
    if tag in available:
        return (tag,)
    chain = fallbacks(tag)
    for wanted in chain:
        if wanted in available:
            return (wanted,)
    for wanted in chain:
        narrower = sorted(key for key in available if key.startswith(wanted + "-"))
        if narrower:
            return tuple(narrower)
    return ()


NAMES = {
    "english": "en", "englisch": "en", "german": "de", "deutsch": "de", "russian": "ru", "russisch": "ru",
    "portuguese": "pt", "português": "pt", "portugues": "pt", "brazilian": "pt-BR", "french": "fr", "français": "fr",
    "spanish": "es", "español": "es", "italian": "it", "italiano": "it", "русский": "ru", "английский": "en",
    "немецкий": "de", "portugiesisch": "pt", "französisch": "fr", "spanisch": "es", "italienisch": "it",
    "english (us)": "en-US", "english (uk)": "en-GB", "portuguese (brazil)": "pt-BR", "portuguese (portugal)": "pt-PT",
    "inglês": "en", "alemão": "de", "russo": "ru", "francês": "fr", "espanhol": "es", "anglais": "en",
    "allemand": "de", "russe": "ru", "portugais": "pt", "espagnol": "es", "inglés": "en", "alemán": "de",
    "ruso": "ru", "portugués": "pt", "francés": "fr",
}  # fmt: skip


def checked(tag: str, known: tuple[str, ...] = (), where: str = "--lang") -> str:
    """The canonical tag, or a ConfigError naming the nearest known one."""
    canonical = normalize(tag)
    primary = canonical.split("-", 1)[0] if canonical else ""
    if canonical and (primary in ISO_639_1 or primary in {k.split("-", 1)[0] for k in known}):
        return canonical
    hint = NAMES.get(tag.strip().lower()) or nearest(tag.strip().lower().replace("_", "-"), sorted(set(known)))
    hint = hint or nearest(primary or tag.lower(), sorted(ISO_639_1))
    suggestion = f" (did you mean {hint!r}?)" if hint else ""
    what = "a language tag termcheck knows" if canonical else "a BCP 47 language tag (en, de, pt-BR, ...)"
    raise ConfigError(f"{where}: {tag!r} is not {what}{suggestion}")
