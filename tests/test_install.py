"""Installing the project: `pip install -e .` (what `make` runs) prints no warning the
project causes."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.waits  # on pip

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
    (pth,) = tmp_path.glob("lib/python*/site-packages/supervisor_tui.pth")
    assert pth.read_text().split() == [str(ROOT)]


def test_the_built_package_holds_its_stylesheets_and_the_demo_team(tmp_path):
    # What `pipx install` builds: every stylesheet the app reads, and the demo team (kept
    # at data/demo.json, a link in the package that the wheel must hold as a file).
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", str(ROOT), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = tmp_path.glob("supervisor_tui-*.whl")
    with zipfile.ZipFile(wheel) as built:
        names = set(built.namelist())
        demo = built.read("supervisor_tui/data/demo.json")
    sheets = {p.relative_to(ROOT).as_posix() for p in (ROOT / "supervisor_tui").rglob("*.tcss")}
    assert len(sheets) > 5 and sheets <= names
    assert demo == (ROOT / "data" / "demo.json").read_bytes()
