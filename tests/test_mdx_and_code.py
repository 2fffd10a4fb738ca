"""Code that is not marked as code: MDX's ESM, expressions and JSX, heading ids, and the commands,
paths and time-zone names that translation units quote. None of it is checked as prose; the prose
around it still is, at its own place in the file. And a folder walk reads every format the format
table knows (`.mdx`, `.sdlxliff`, ...), the same files as when they are named.

The MDX sentences are real: Docusaurus's French installation page (MIT; facebook/docusaurus,
website/i18n/fr/.../installation.mdx), Feature-Sliced Design's documentation (MIT;
feature-sliced/documentation, src/content/docs/...) and Tauri's Spanish documentation
(/work/corpus/round2/docs/es/tauri, MIT); the term sentences are the news set's."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.config import Config
from termcheck.glossary.index import GlossaryIndex
from termcheck.glossary.load import load
from termcheck.pipeline import Settings, fixed_text, lint_text
from termcheck.rules import select
from termcheck.sources import markdown
from termcheck.sources.base import MASK
from termcheck.sources.formats import DEFAULT_INCLUDE, EXTENSIONS, read, sniff
from termcheck.sources.walk import walk

INDEX = GlossaryIndex(load()[0])
SETTINGS = Settings(Config(), tuple(select()))

DOCUSAURUS_FR = """---
description: Comment installer Docusaurus localement, et démarrer un site Docusaurus en un rien de temps.
---

# Installation

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

## Pré-requis {#requirements}

<Tabs groupId="npm2yarn">
  <TabItem value="npm" label="npm">
    Les chefs de l'OTSC se sont réunis à Moscou.
  </TabItem>
</Tabs>

import UpgradeGuide from '@site/src/components/UpgradeGuide';

<UpgradeGuide />

Ensuite, dans le répertoire contenant le fichier `package.json`, exécutez la commande d'installation.
"""


def _texts(label: str, text: str) -> list[str]:
    return [seg.text for seg in read(label, text, sniff(label, text)).segments]


def _findings(label: str, text: str, lang: str) -> list[tuple[int, int, str, str]]:
    return [(f.span.line, f.span.column, f.rule, f.text) for f in lint_text(label, text, lang, SETTINGS, INDEX)]


def test_mdx_esm_jsx_props_and_heading_ids_are_not_prose() -> None:
    texts = _texts("installation.mdx", DOCUSAURUS_FR)
    assert texts == [
        "Comment installer Docusaurus localement, et démarrer un site Docusaurus en un rien de temps.",
        "Installation",
        "Pré-requis",
        "Les chefs de l'OTSC se sont réunis à Moscou.",
        f"Ensuite, dans le répertoire contenant le fichier {MASK}, exécutez la commande d'installation.",
    ]


def test_mdx_code_is_never_a_finding_and_prose_between_components_is_at_its_place() -> None:
    page = (
        "import { FileTree, Aside } from '@astrojs/starlight/components';\n\n"
        '<Aside title="Die CSTO">\n\nDie OVKS tagte in Moskau; die CSTO nicht.\n\n</Aside>\n\n'
        'Die OVKS {/* CSTO */} und <Badge text="CSTO" /> tagte.\n\n'
        "## Gipfel der OVKS {#csto-summit}\n\n"
        "<FileTree>\n- src\n  - csto CSTO folder\n</FileTree>\n"
    )
    found = _findings("seite.mdx", page, "de")
    # the Aside's title is read as an HTML title attribute is; the prose sentence is found at its line
    assert found == [(3, 19, "foreign-rendering", "CSTO"), (5, 31, "foreign-rendering", "CSTO")]


def test_mdx_fix_writes_only_prose_and_leaves_the_code() -> None:
    page = "import X from './x';\n\n<Tabs values={[{label: 'CSTO'}]}>\n\nDie CSTO tagte.\n\n</Tabs>\n"
    fixing = Settings(Config(), tuple(select()), fix=True)
    assert fixed_text("seite.mdx", page, "de", fixing, INDEX) == page.replace("Die CSTO", "Die OVKS")


def test_inline_jsx_is_a_mask_no_word_runs_across() -> None:
    # a word on each side of an inline component is not a doubled word, and the text keeps its place
    page = 'Le template <Highlight color="#25c2a0">classic</Highlight> classic contient tout.\n'
    (text,) = _texts("page.mdx", page)
    assert MASK in text and text.index("classic") == page.index("classic")
    assert _findings("page.mdx", "Il faut faire <Kbd /> faire ceci.\n", "fr") == []


def test_mdx_has_no_indented_code_blocks() -> None:
    # Tauri's Spanish docs: prose indented inside a component is prose in MDX, not a code block
    page = (
        '<Tabs>\n    <TabItem label="Automatic">\n\n    Para habilitar el debug della della tua applicazione.\n\n'
        "    </TabItem>\n</Tabs>\n"
    )
    assert _texts("x.mdx", page) == ["Para habilitar el debug della della tua applicazione."]
    assert _texts("x.md", page) == []  # CommonMark: an indented code block


def test_escaped_heading_ids_and_markdown_heading_ids() -> None:
    # Feature-Sliced Design's Russian docs (MDX) and a Docusaurus .md page
    mdx = "## Route Handlers (API-маршруты) \\{#route-handlers-api-routes\\}\n"
    assert _texts("with-nextjs.mdx", mdx) == ["Route Handlers (API-маршруты)"]
    assert _texts("page.md", "## Structure du projet {#project-structure}\n") == ["Structure du projet"]
    assert _texts("page.md", "Le texte {#pas-un-titre} reste.\n") == ["Le texte {#pas-un-titre} reste."]


def test_code_in_fences_and_code_spans_is_not_taken_for_jsx() -> None:
    page = "```jsx\n<Tabs>\n```\n\nTexte `<Tabs>` et `{x}` ici, puis <b>gras</b>.\n"
    assert _texts("page.mdx", page) == [f"Texte {MASK} et {MASK} ici, puis gras."]


@pytest.mark.parametrize(
    "page",
    [
        "{" * 5000 + "\n",
        "<A " * 5000 + "\n",
        "`" * 3000 + "{x}" * 3000 + "\n",
        "import { a from 'b'\n\nDie OVKS tagte.\n",
    ],
)
def test_broken_mdx_is_read_in_linear_time_and_never_an_error(page: str) -> None:
    markdown.read("broken.mdx", page)


def test_the_walk_reads_every_extension_the_format_table_knows(tmp_path: Path) -> None:
    assert {f"*{ext}" for ext in EXTENSIONS} <= set(DEFAULT_INCLUDE)
    for name in ("page.mdx", "job.sdlxliff", "job.mqxliff", "notes.rest", "readme.mkd", "notes.txt"):
        (tmp_path / name).write_text("Die OVKS tagte.\n", encoding="utf-8")
    found = sorted(Path(label).name for _path, label in walk([str(tmp_path)], Config()).files)
    assert found == ["job.mqxliff", "job.sdlxliff", "notes.rest", "notes.txt", "page.mdx", "readme.mkd"]


@pytest.mark.parametrize(
    ("string", "masked"),
    [
        ("sudo timedatectl set-timezone Europe/Moscow", True),
        ("$ pip install django-countries", True),
        ("pip install -r requirements.txt", True),
        ("git clone https://github.com/omegat-org/omegat.git", True),
        ("python manage.py compilemessages", True),
        ("python model class name", False),  # Django's contenttypes catalogue: prose
        ("make sense of it", False),
    ],
)
def test_command_lines_in_units_are_masked(string: str, masked: bool) -> None:
    po = f'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "{string}"\nmsgstr "{string}"\n'
    texts = _texts("de.po", po)
    assert (texts == []) is masked, texts


def test_paths_and_time_zones_in_units_are_masked_and_the_sentence_kept() -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
        'msgid "Contributions to the code are documented in /docs/contributors.txt."\n'
        'msgstr "Вклад в код описан в /docs/contributors.txt."\n\n'
        'msgid "Required. Letters, digits and @/./+/-/_ only."\n'
        'msgstr "Только буквы, цифры и @/./+/-/_."\n\n'
        'msgid "Europe/Moscow"\nmsgstr "Европа/Москва"\n'
    )
    texts = [t.replace(MASK, "#") for t in _texts("ru.po", po) if "Вклад" in t or "буквы" in t or "Евр" in t]
    assert texts == ["Вклад в код описан в " + "#" * 22 + ".", "Только буквы, цифры и @/./+/-/_.", "Европа/Москва"]


def test_mdx_comment_holds_a_suppression() -> None:
    # MDX has no HTML comments: a directive stands in an expression comment
    page = "{/* termcheck: ignore[foreign-rendering] */}\nDie CSTO tagte.\n\nDie CSTO tagte.\n"
    assert _findings("seite.mdx", page, "de") == [(4, 5, "foreign-rendering", "CSTO")]
