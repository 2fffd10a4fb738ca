"""Rebuild the round-2 catalogues, XLIFF, translation memories and documentation from their sources. Writes files.

python bench/corpora/round2/build_outside.py wheels WHEEL_DIR OUT/po     # PO catalogues from downloaded wheels
python bench/corpora/round2/build_outside.py git NAME GIT_DIR OUT        # one repository of REPOSITORIES, at its commit

WHEEL_DIR holds the wheels of WHEELS (``pip download --no-deps -d WHEEL_DIR NAME==VERSION``); each catalogue of
LANGUAGES is written to OUT/po/<project>/<lang>/<its path in the wheel, slashes as __>. GIT_DIR is a clone of the
repository NAME (github.com/NAME); the files of REPOSITORIES[NAME] are read at the recorded commit with
``git show`` and written under OUT. Nothing here reaches the network.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

LANGUAGES = {"de", "es", "fr", "it", "pt", "pt_BR", "pt_PT", "ru"}
WHEELS = ["django-allauth==65.22.1", "wagtail==8.0.1", "django-filter==26.2", "Flask-AppBuilder==5.3.0",
          "django-import-export==4.4.3", "django-cms==5.1.3"]  # fmt: skip
CATALOGUE_RE = re.compile(r"/(?:locale|translations)/([^/]+)/LC_MESSAGES/[^/]+\.po$")
# repository: (commit, pattern of the paths to take, destination under OUT with {lang} and {rest} from the pattern)
REPOSITORIES = {
    "symfony/validator": ("370b9375b011f71f451c4049a78a4548f362370f",
                          r"Resources/translations/(?P<rest>validators\.(?P<lang>de|es|fr|it|pt|pt_BR|ru)\.xlf)",
                          "xliff/validator/{rest}"),
    "symfony/security-core": ("9c500351095c7472b5c2f33a3accad8cc1a23f5b",
                              r"Resources/translations/(?P<rest>security\.(?P<lang>de|es|fr|it|pt|pt_BR|ru)\.xlf)",
                              "xliff/security-core/{rest}"),
    "symfony/form": ("7a48dda96fe16711fc042df38ca1a7dd4d9d6387",
                     r"Resources/translations/(?P<rest>validators\.(?P<lang>de|es|fr|it|pt|pt_BR|ru)\.xlf)",
                     "xliff/form/{rest}"),
    "OmegaT-L10N/de": ("5fb873d5e6f6fb1cea1fa6d3ad369163610e9991",
                       r"omegat/project_save\.tmx", "tmx/omegat-l10n-de.tmx"),
    "OmegaT-L10N/es": ("ba623f5fbc26333946b608e55e95ebc8a19b2bb6",
                       r"omegat/project_save\.tmx", "tmx/omegat-l10n-es.tmx"),
    "OmegaT-L10N/fr": ("c38aae9aa2e5b11697fb9287f5f0c3e2d4c71e1d",
                       r"tm/auto/project_save\.tmx", "tmx/omegat-l10n-fr.tmx"),
    "OmegaT-L10N/ru": ("811ed60a9dd33f864694857e01081da25afbd771",
                       r"omegat/project_save\.tmx", "tmx/omegat-l10n-ru.tmx"),
    "fastapi/fastapi": ("c3f316b7e814667e8ee81e03a7330d00ee61e45c",
                        r"docs/(?P<lang>de|es|fr|pt|ru)/docs/(?P<rest>.+\.md)", "docs/{lang}/fastapi/{rest}"),
    "tauri-apps/tauri-docs": ("e1c39c6ef06b936f70e977d53c60fcf329ec3702",
                              r"src/content/docs/(?P<lang>es|fr|it)/(?P<rest>.+\.mdx?)", "docs/{lang}/tauri/{rest}"),
}  # fmt: skip


def from_wheels(wheels: Path, out: Path) -> None:
    for wheel in sorted(wheels.glob("*.whl")):
        project = wheel.name.split("-")[0]
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                match = CATALOGUE_RE.search(name)
                if match and match.group(1) in LANGUAGES:
                    dest = out / project / match.group(1) / name.replace("/", "__")
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(archive.read(name))


def from_git(name: str, git_dir: Path, out: Path) -> None:
    commit, pattern, target = REPOSITORIES[name]
    listing = subprocess.run(["git", "-C", str(git_dir), "ls-tree", "-r", "--name-only", commit],
                             capture_output=True, text=True, check=True).stdout.splitlines()  # fmt: skip
    for path in listing:
        match = re.fullmatch(pattern, path)
        if match:
            dest = out / target.format(**match.groupdict())
            dest.parent.mkdir(parents=True, exist_ok=True)
            show = ["git", "-C", str(git_dir), "show", f"{commit}:{path}"]
            dest.write_bytes(subprocess.run(show, capture_output=True, check=True).stdout)


def main() -> None:
    if sys.argv[1] == "wheels":
        from_wheels(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        from_git(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))


if __name__ == "__main__":
    main()
