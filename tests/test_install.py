"""Installing the project: `pip install -e .` (what `make` runs) prints no warning the
project causes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# --ignore-installed: never touch the install this test runs from.
PIP_INSTALL = (sys.executable, "-m", "pip", "install", "--no-deps", "--ignore-installed")


def test_an_editable_install_warns_of_nothing(tmp_path):
    # This virtualenv's pip (the one `make` installs with), installing into a folder of its own.
    done = subprocess.run(
        [*PIP_INSTALL, "--editable", str(ROOT), "--prefix", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    # pip's notes about the machine's package indexes are not the project's doing.
    lines = [line for line in said.splitlines() if "Location 'file:" not in line]
    assert not [line for line in lines if "Warning" in line or "!!" in line], said
    (pth,) = tmp_path.glob("lib/python*/site-packages/__editable__.supervisor_tui-*.pth")
    assert pth.read_text().split() == [str(ROOT)]
