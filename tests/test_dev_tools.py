"""The developer's commands say what they do: `make demo` where its copy is, the bench
generator its usage."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_bench_generate_help_prints_usage_without_a_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "supervisor_tui.dev.bench.generate", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: python -m supervisor_tui.dev.bench.generate SIZE PATH")
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_says_where_its_copy_is_and_how_to_use_it_from_the_shell(tmp_path):
    # Without a terminal `sup` prints the day view instead of opening the app; the
    # virtualenv is taken as it is (-o: never rebuilt here).
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed-stamp", "demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    last = done.stdout.strip().splitlines()[-1]
    found = re.fullmatch(
        r"The demo team's copy is (\S+)\. Try the shell on it: (\S+) --db '(\S+)' today", last
    )
    assert found, last
    copy, sup, again = found.groups()
    assert copy == again and Path(copy).is_file() and Path(copy).is_relative_to(tmp_path)
    assert "TODAY'S SESSIONS" in done.stdout
    shown = subprocess.run(
        [str(ROOT / sup), "--db", copy, "today"], capture_output=True, text=True, check=True
    )
    assert "TODAY'S SESSIONS" in shown.stdout
