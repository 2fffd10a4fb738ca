"""Make the pictures in docs/img/ from the real clients: the first printed page of each sheet of the
exported workbook (LibreOffice Calc to PDF, poppler's pdftoppm to PNG).

    python docs/make_images.py            # needs soffice (libreoffice-calc) and pdftoppm (poppler-utils)

The HTML report's screenshot is made by its browser test (tests/test_html_report.py).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
SHEETS = ("Glossary", "Terms", "Concepts", "Sources", "Examples", "README")


def workbook_pages(out: Path = IMG) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, "-m", "termcheck", "glossary", "export", "--format", "xlsx", "-o",
                        str(work / "glossary.xlsx")], check=True, cwd=ROOT)  # fmt: skip
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(work / "glossary.xlsx")],
                       check=True, capture_output=True, timeout=300)  # fmt: skip
        pdf = work / "glossary.pdf"
        first: dict[str, int] = {}
        pages = int(next(line.split()[-1] for line in subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
            if line.startswith("Pages:")))  # fmt: skip
        for page in range(1, pages + 1):
            head = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout.split("\n", 1)[0]  # fmt: skip
            sheet = head.rsplit(": ", 1)[-1].strip()
            first.setdefault(sheet, page)
        written = []
        out.mkdir(parents=True, exist_ok=True)
        for sheet in SHEETS:
            target = out / f"workbook-{sheet.lower()}"
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", "-f", str(first[sheet]), "-l",
                            str(first[sheet]), str(pdf), str(target)], check=True)  # fmt: skip
            written.append(target.with_suffix(".png"))
        return written


if __name__ == "__main__":
    for path in workbook_pages():
        print(path.relative_to(ROOT))
