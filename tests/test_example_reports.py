"""The example reports committed under reports/examples/ are what their documented command makes today:
`python reports/examples/make.py` remakes them; this test fails, naming the stale ones, when a change to
the rules, the term base or a report format left them behind."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_example_reports_are_fresh() -> None:
    script = ROOT / "reports" / "examples" / "make.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
