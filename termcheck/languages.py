"""Language tags as users type them: `PT-br`, `pt_BR` and `pt-BR` are one tag; an unknown language is
an error with the nearest known tag, never a run that quietly checks nothing."""

from __future__ import annotations

import re

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
