"""The capture path stays fast: `sup win …` and `sup today` import neither Textual nor pendulum.

pendulum alone takes about 30 ms to import, a third of what `sup win` takes in all.

As harlequin does: a fresh interpreter runs the real entry point, then reports
which top-level packages ended up in ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clihelpers import TODAY, add_team, day, exported

PROBE = """
import json, sys
args = json.loads(sys.argv[1])
for name in args.pop("import_first"):
    __import__(name)
sys.argv = ["sup", *args["argv"]]
from supervisor_tui.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
loaded = sorted({name.split(".")[0] for name in sys.modules})
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, "loaded": loaded}) + "\\n")
"""


def _probe(db: Path, *argv: str, import_first: tuple[str, ...] = ()) -> tuple[int, str, set]:
    """Run `sup ARGV` in a new interpreter: exit code, stdout, top-level modules loaded."""
    env = dict(os.environ, SUPERVISOR_TUI_DB=str(db), SUPERVISOR_TUI_TODAY=TODAY)
    arg = json.dumps({"argv": list(argv), "import_first": list(import_first)})
    done = subprocess.run(
        [sys.executable, "-c", PROBE, arg],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stderr.rsplit("\nPROBE ", 1)[1])
    return report["code"], done.stdout, set(report["loaded"])


CAPTURES = {
    "win": (("win", "anna", "closed the case"), "Saved win #4 for Anna Virtanen."),
    "idea": (("idea", "ben", "shorter wrap-up codes"), "Saved Ben Ek's suggestion #4."),
    "note": (("note", "aki", "--wellbeing", "rough day"), "Saved wellbeing note #4"),
    "todo": (("todo", "anna", "send the plan", "--by", "fri"), "Saved to-do #4"),
    "capture": (("capture", "win @anna closed the case"), "Saved win #4 for Anna Virtanen."),
    "capture-todo": (("capture", "todo @anna send the plan by next fri"), "Saved to-do #4"),
    "plan": (("plan", "anna", "tue 10:00"), "Planned Anna Virtanen's session"),
}


@pytest.mark.parametrize("argv, confirmation", CAPTURES.values(), ids=CAPTURES.keys())
def test_capturing_from_the_shell_imports_neither_textual_nor_pendulum(db_path, argv, confirmation):
    add_team(db_path)
    code, out, loaded = _probe(db_path, *argv)
    assert code == 0
    assert out.startswith(confirmation)
    assert "textual" not in loaded
    assert "pendulum" not in loaded


def test_a_captured_win_is_really_saved_by_the_probed_process(db_path):
    add_team(db_path)
    _probe(db_path, "win", "anna", "closed the case")
    assert [w["text"] for w in day(db_path)["wins"]] == ["closed the case"]
    assert [w["text"] for w in exported(db_path)["wins"]] == ["closed the case"]


@pytest.mark.parametrize("argv", [("today",), ("today", "--json"), ("people",)])
def test_looking_at_the_day_or_the_team_imports_neither_textual_nor_pendulum(db_path, argv):
    add_team(db_path)
    code, out, loaded = _probe(db_path, *argv)
    assert code == 0
    assert "Anna Virtanen" in out
    assert "textual" not in loaded
    assert "pendulum" not in loaded


def test_a_refused_capture_does_not_import_textual_either(db_path):
    add_team(db_path)
    code, out, loaded = _probe(db_path, "win", "zed", "closed the case")
    assert code == 2
    assert out == ""
    assert "textual" not in loaded


@pytest.mark.parametrize("package", ["textual", "pendulum"])
def test_the_probe_notices_a_package_when_it_is_imported(db_path, package):
    # Guards the tests above against passing vacuously.
    add_team(db_path)
    code, _, loaded = _probe(db_path, "today", import_first=(package,))
    assert code == 0
    assert package in loaded
