"""A PO glossary for one target language (polib): what Weblate and Poedit take as a glossary."""

from __future__ import annotations

import datetime
from pathlib import Path

from ..glossary.model import Glossary, Status, language_name


def export(glossary: Glossary, path: Path, source: str, target: str, version: str = "") -> int:
    """Each preferred source term as msgid, the target's preferred term (same type) as msgstr, with the
    definition and the admitted and deprecated forms as comments. Returns the number of entries."""
    import polib

    from ..fileio import atomic_write

    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": f"termcheck term base {version}".strip(),
        "POT-Creation-Date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M%z"),
        "Language": target.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "termcheck",
    }
    for c in glossary.concepts:
        for term in (t for t in c.terms_for(source) if t.status is Status.PREFERRED):
            targets = c.preferred(target, term.type)
            comments = []
            if c.definition.get(source) or c.definition.get("en"):
                comments.append(c.definition.get(source) or c.definition["en"])
            for status in (Status.ADMITTED, Status.DEPRECATED):
                forms = [t.text for t in c.terms_for(target) if t.status is status]
                if forms:
                    comments.append(f"{status.value} in {language_name(target)}: {', '.join(forms)}")
            catalogue.append(polib.POEntry(msgctxt=c.id, msgid=term.text, msgstr=targets[0].text if targets else "",
                                           comment="\n".join(comments), tcomment=c.note or ""))  # fmt: skip
    atomic_write(path, str(catalogue).encode("utf-8"))
    return len(catalogue)
