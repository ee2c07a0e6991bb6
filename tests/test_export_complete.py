"""`sup export --person` is everything about the person (the right of access), in both formats.

The canary planted everywhere the app keeps something about one person (every kind
of record, its journal copy, an acknowledgement note, their role, a session draft, a
draft set aside as damaged, and a record only a backup still holds) must each be in
the export, in JSON and in Markdown.
"""

from __future__ import annotations

import json
import re

import orjson
import pytest
from clihelpers import ok
from storehelpers import MOMENT, one_of_everything

from supervisor_tui.actions.drafts import keep_dialog_text
from supervisor_tui.domain.drafts import EDIT_PERSON, KeptDialog
from supervisor_tui.domain.kinds import ABOUT_A_PERSON
from supervisor_tui.store import Store, backups

WORD = "CANARY7"
TOKEN = re.compile(WORD + r"[\w-]*")


def _planted(db) -> set[str]:
    """Every canary in the data folder but the bare word a half-written file holds."""
    found = set()
    for path in db.parent.rglob("*"):
        if path.is_file() and not path.name.endswith(".tmp"):
            found |= set(TOKEN.findall(path.read_text(errors="replace")))
    return found - {WORD}


@pytest.fixture
def eve(db_path):
    person = one_of_everything(Store(db_path), WORD)
    # A note deleted since, that only the newest backup still holds.
    newest = backups.list_backups(db_path)[0]
    data = orjson.loads(newest.read_bytes())
    data["notes"]["999"] = {
        "person_id": person.id,
        "text": f"{WORD}-deleted-since",
        "created": MOMENT.isoformat(),
        "kind": "wellbeing",
    }
    newest.write_bytes(orjson.dumps(data))
    return person


def test_every_kind_about_a_person_is_planted(db_path, eve):
    planted = _planted(db_path)
    for kind in ABOUT_A_PERSON:
        assert any(t.startswith(f"{WORD}-{kind.table}-") for t in planted), kind.table
    for where in ("draft", "damaged", "deleted-since", "people-role", "wins-ack_note"):
        assert any(t.startswith(f"{WORD}-{where}") for t in planted), where


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_export_of_a_person_holds_everything_kept_about_them(db_path, eve, fmt):
    out = ok(db_path, "export", "--person", "eve", "--format", fmt)
    text = out if fmt == "json" else out.replace("\\", "")  # Markdown escapes the _ in names
    missing = sorted(t for t in _planted(db_path) if t not in text)
    assert missing == []
    assert "Olli" not in out and "other-" not in out  # and nothing about anyone else


def test_export_json_of_a_person_has_their_draft_and_what_the_backups_still_hold(db_path, eve):
    doc = json.loads(ok(db_path, "export", "--person", "eve", "--format", "json"))
    session = f"session-{eve.id}"
    assert [d["key"] for d in doc["drafts"]] == ["capture-line", "dialog-text", session, session]
    (kept,) = [d["draft"] for d in doc["drafts"] if "draft" in d and d["key"] == session]
    (line,) = [d["draft"] for d in doc["drafts"] if d["key"] == "capture-line"]
    assert (line["line"], line["person_id"]) == (f"win @eve {WORD}-capture-line", eve.id)
    (note,) = [d["draft"] for d in doc["drafts"] if d["key"] == "dialog-text"]
    assert (note["typed"], note["person_id"]) == ({"note": f"{WORD}-ack-note"}, eve.id)
    assert kept["person_id"] == eve.id and kept["notes"] == [
        [f"{WORD}-draft-item", f"{WORD}-draft"]
    ]
    assert [d["damaged"] for d in doc["drafts"] if "damaged" in d] == [f"{{{WORD}-damaged"]
    (deleted,) = [k for k in doc["in_backups"] if k["doc"]["text"] == f"{WORD}-deleted-since"]
    assert (deleted["table"], deleted["id"]) == ("notes", 999)
    assert doc["people"][0]["role"] == f"{WORD}-people-role"


def test_export_markdown_of_a_person_says_role_cadence_acknowledgement_and_draft(db_path, eve):
    out = ok(db_path, "export", "--person", "eve", "--format", "md")
    assert f"Role: {WORD}-people-role; coached every 30 days" in out
    assert f"acknowledged Tue 3 Mar in person: {WORD}-wins-ack\\_note" in out
    assert "## Session in progress (a draft" in out
    assert f"**{WORD}-draft-item**\n\n{WORD}-draft" in out
    assert "## A capture line, being typed when the terminal closed\n" in out
    assert f"{WORD}-capture-line" in out
    assert "## Being written when the terminal closed: thanks for #" in out
    assert f"{WORD}-ack-note" in out
    assert "## Still in the backups" in out


def test_export_markdown_says_whose_details_were_being_edited_when_the_terminal_closed(
    db_path, eve
):
    kept = KeptDialog.of(EDIT_PERSON, eve, {"role": f"{WORD}-new-role"}, {})
    keep_dialog_text(Store(db_path), kept, MOMENT)
    out = ok(db_path, "export", "--person", "eve", "--format", "md")
    assert "## Being written when the terminal closed: an edit of their details\n" in out
    assert f"{WORD}-new-role" in out
