"""`sup forms` and `sup people set --form`: coaching forms that change a version at a time."""

from __future__ import annotations

import shlex
import sys

import pytest
from clihelpers import add_team, files, ok, refused, run, said, team

from supervisor_tui.actions import forms
from supervisor_tui.domain.changes import DomainError
from supervisor_tui.store import Store

COACHING_V1 = (
    "Since last time (our agreements)",
    "Wins",
    "Numbers and behaviours against goals",
    "Wellbeing and workload",
    "What you need from me",
    "Agreed next steps",
)
NEW_STARTER_V1 = (
    "Since last time (our agreements)",
    "Wins",
    "What felt hard this week",
    "Systems and knowledge: what to practise",
    "Wellbeing and workload",
    "What you need from me",
    "Agreed next steps",
)


def editor(tmp_path, body: str) -> dict[str, str]:
    """An $EDITOR that runs ``body`` on the file: ``text`` is its content, ``p`` its path.

    What the editor was shown is kept in ``seen(tmp_path)``. Both live away from the
    database, whose folder the tests compare before and after.
    """
    folder = tmp_path / "editor"
    folder.mkdir(exist_ok=True)
    script = folder / "fake_editor.py"
    seen = folder / "seen.txt"
    script.write_text(
        "import pathlib, sys\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "text = p.read_text()\n"
        f"pathlib.Path({str(seen)!r}).write_text(text)\n"
        f"{body}\n"
    )
    return {"EDITOR": f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"}


def seen(tmp_path) -> str:
    """What the fake editor was given to edit."""
    return (tmp_path / "editor" / "seen.txt").read_text()


APPEND = 'p.write_text(text + "Career goals\\n")'
SAVE_AS_IS = "p.write_text(text)"


def stored_forms(db) -> list[tuple[str, int, tuple[str, ...]]]:
    return [(f.name, f.version, f.items) for f in Store(db).load().forms]


def sessions(db) -> dict[int, tuple[str | None, int | None]]:
    """Each held session's form name and version, by person id."""
    return {
        s.person_id: (s.form_name, s.form_version)
        for s in Store(db).load().sessions
        if s.status == "held"
    }


# --- listing and showing ----------------------------------------------------------------------


def test_forms_lists_each_form_with_its_version_items_and_users(db_path):
    add_team(db_path)
    assert ok(db_path, "forms") == (
        "Form                             Version Items  Used by\n"
        "Coaching 1:1                           1     6  3 people (team default)\n"
        "New starter                            1     7  0 people\n"
    )


def test_forms_show_prints_the_agenda_numbered(db_path):
    assert ok(db_path, "forms", "show", "coaching 1:1") == (
        "Coaching 1:1, version 1 (current)\n"
        " 1. Since last time (our agreements)\n"
        " 2. Wins\n"
        " 3. Numbers and behaviours against goals\n"
        " 4. Wellbeing and workload\n"
        " 5. What you need from me\n"
        " 6. Agreed next steps\n"
    )


def test_forms_show_an_unknown_form_lists_the_forms(db_path):
    message = refused(db_path, "forms", "show", "Nope")
    assert 'There is no form called "Nope". Forms: "Coaching 1:1", "New starter".' in message


def test_forms_show_an_unknown_version_lists_the_versions(db_path):
    message = refused(db_path, "forms", "show", "New starter", "--version", "3")
    assert '"New starter" has no version 3. Versions: 1.' in message


# --- editing ----------------------------------------------------------------------------------


def test_editing_a_form_stores_the_next_version_and_held_sessions_keep_theirs(db_path, tmp_path):
    add_team(db_path)
    said(db_path, "held", "anna", "--no-next")
    assert said(db_path, "forms", "edit", "Coaching 1:1", env=editor(tmp_path, APPEND)) == (
        'Saved "Coaching 1:1" version 2 (7 agenda items). Sessions held before keep version 1.'
    )
    said(db_path, "held", "ben", "--no-next")
    assert sessions(db_path) == {1: ("Coaching 1:1", 1), 3: ("Coaching 1:1", 2)}
    assert stored_forms(db_path) == [("Coaching 1:1", 2, (*COACHING_V1, "Career goals"))]
    assert ok(db_path, "forms", "show", "Coaching 1:1").splitlines()[0] == (
        "Coaching 1:1, version 2 (current)"
    )
    assert ok(db_path, "forms", "show", "Coaching 1:1", "--version", "1").splitlines() == [
        "Coaching 1:1, version 1 (current is 2)",
        *(f"{n:>2}. {item}" for n, item in enumerate(COACHING_V1, 1)),
    ]
    assert "Coaching 1:1                           2     7" in ok(db_path, "forms")


def test_the_editor_is_given_the_agenda_under_a_comment_header(db_path, tmp_path):
    ok(db_path, "forms", "edit", "New starter", env=editor(tmp_path, SAVE_AS_IS))
    assert seen(tmp_path) == (
        '# The coaching form "New starter", version 1. Saving a change stores version 2.\n'
        "# One agenda item per line, in the order sessions walk through them.\n"
        "# Lines starting with # and blank lines are ignored.\n"
        "\n" + "".join(f"{item}\n" for item in NEW_STARTER_V1)
    )


def test_saving_the_agenda_unchanged_stores_no_new_version(db_path, tmp_path):
    add_team(db_path)
    before = files(db_path)
    out = said(db_path, "forms", "edit", "Coaching 1:1", env=editor(tmp_path, SAVE_AS_IS))
    assert out == "No change; still version 1."
    assert files(db_path) == before


def test_reordering_and_spacing_count_as_they_should(db_path, tmp_path):
    body = 'p.write_text("  Wins \\n\\n# a comment\\nAgreed   next steps\\n")'
    said(db_path, "forms", "edit", "Coaching 1:1", env=editor(tmp_path, body))
    assert stored_forms(db_path) == [("Coaching 1:1", 2, ("Wins", "Agreed next steps"))]


def test_quitting_the_editor_without_saving_changes_nothing(db_path, tmp_path):
    add_team(db_path)
    before = files(db_path)
    out = said(db_path, "forms", "edit", "Coaching 1:1", env=editor(tmp_path, "pass"))
    assert out == "Not saved in the editor; still version 1."
    assert files(db_path) == before


@pytest.mark.parametrize(
    "command",
    ["/nonexistent/editor", f"{shlex.quote(sys.executable)} -c 'import sys; sys.exit(1)'"],
    ids=["missing", "fails"],
)
def test_an_editor_that_does_not_open_or_fails_is_explained(db_path, command):
    add_team(db_path)
    message = refused(db_path, "forms", "edit", "Coaching 1:1", code=1, env={"EDITOR": command})
    assert "The editor did not open or did not finish" in message
    assert "Nothing was changed. Set $VISUAL or $EDITOR (e.g. export EDITOR=nano)" in message
    assert "--items-file FILE" in message


def test_visual_is_preferred_to_editor(db_path, tmp_path):
    env = {"VISUAL": editor(tmp_path, APPEND)["EDITOR"], "EDITOR": "/nonexistent/editor"}
    said(db_path, "forms", "edit", "Coaching 1:1", env=env)
    assert [v for _, v, _ in stored_forms(db_path)] == [2]


@pytest.mark.parametrize(
    "body, message",
    [
        ('p.write_text("# only comments\\n\\n")', "A form needs at least one agenda item"),
        ('p.write_text("Wins\\nwins\\n")', "Each agenda item must be different"),
    ],
)
def test_an_agenda_that_cannot_be_used_is_refused(db_path, tmp_path, body, message):
    add_team(db_path)
    assert message in refused(db_path, "forms", "edit", "Coaching 1:1", env=editor(tmp_path, body))


def test_items_file_from_standard_input_needs_no_editor(db_path):
    out = said(db_path, "forms", "edit", "new starter", "--items-file", "-", input="Wins\nGoals\n")
    assert out == (
        'Saved "New starter" version 2 (2 agenda items). Sessions held before keep version 1.'
    )
    assert stored_forms(db_path) == [("New starter", 2, ("Wins", "Goals"))]


def test_editing_twice_gives_version_three(db_path):
    said(db_path, "forms", "edit", "Coaching 1:1", "--items-file", "-", input="Wins\n")
    said(db_path, "forms", "edit", "Coaching 1:1", "--items-file", "-", input="Wins\nGoals\n")
    assert [(n, v) for n, v, _ in stored_forms(db_path)] == [
        ("Coaching 1:1", 2),
        ("Coaching 1:1", 3),
    ]


def test_an_edit_based_on_an_old_version_is_not_saved_over_a_newer_one(db_path):
    store = Store(db_path)
    forms.revise_form(store, "Coaching 1:1", "Wins\n", base_version=1)
    before = files(db_path)
    with pytest.raises(DomainError, match="changed elsewhere while you were editing"):
        forms.revise_form(store, "Coaching 1:1", "Goals\n", base_version=1)
    assert files(db_path) == before


# --- new forms --------------------------------------------------------------------------------


def test_a_new_form_from_a_file_is_version_one_and_listed(db_path, tmp_path):
    add_team(db_path)
    agenda = tmp_path / "agenda.txt"
    agenda.write_text("# for team leads\nWins\nGrowth\n")
    assert said(db_path, "forms", "new", " Team  leads ", "--items-file", str(agenda)) == (
        'Created "Team leads" version 1 (2 agenda items). '
        'Make it someone\'s form: sup people set PERSON --form "Team leads"'
    )
    assert stored_forms(db_path) == [("Team leads", 1, ("Wins", "Growth"))]
    assert ok(db_path, "forms").splitlines()[-1] == (
        "Team leads                             1     2  0 people"
    )


def test_a_new_form_starts_as_a_copy_in_the_editor(db_path, tmp_path):
    env = editor(tmp_path, SAVE_AS_IS)
    said(db_path, "forms", "new", "Returners", "--from", "new starter", env=env)
    assert stored_forms(db_path) == [("Returners", 1, NEW_STARTER_V1)]
    assert seen(tmp_path).splitlines()[0] == (
        '# The new coaching form "Returners", copied from "New starter" version 1. '
        "Quit without saving to create nothing."
    )


def test_a_new_form_without_from_copies_the_team_default(db_path, tmp_path):
    said(db_path, "forms", "new", "Seniors", env=editor(tmp_path, SAVE_AS_IS))
    assert stored_forms(db_path) == [("Seniors", 1, COACHING_V1)]


def test_a_new_form_not_saved_in_the_editor_is_not_created(db_path, tmp_path):
    add_team(db_path)
    before = files(db_path)
    out = said(db_path, "forms", "new", "Seniors", env=editor(tmp_path, "pass"))
    assert out == "Not saved in the editor; no form was created."
    assert files(db_path) == before


@pytest.mark.parametrize(
    "name, message",
    [
        ("coaching 1:1", 'There is already a form called "Coaching 1:1"'),
        ("Default", '"Default" means the team\'s default form'),
        ("  ", "Give the form a name"),
        ("bad\x1bname", "can't contain control characters"),
        ("x" * 41, "Keep the form name to 40 characters"),
    ],
)
def test_a_new_form_needs_a_free_usable_name(db_path, name, message):
    add_team(db_path)
    assert message in refused(db_path, "forms", "new", name, "--items-file", "-", input="Wins\n")


def test_a_new_form_takes_from_or_an_items_file_not_both(db_path):
    add_team(db_path)
    message = refused(
        db_path, "forms", "new", "X", "--from", "new starter", "--items-file", "-", input="Wins\n"
    )
    assert "Use either --from FORM or --items-file FILE, not both." in message


# --- people set -------------------------------------------------------------------------------


def people_by_handle(db) -> dict[str, tuple[str | None, int, str]]:
    return {p.handle: (p.form, p.cadence_days, p.role) for p in Store(db).load().people}


def test_people_set_form_makes_it_the_persons_and_their_sessions_follow_it(db_path):
    add_team(db_path)
    assert said(db_path, "people", "set", "aki", "--form", "new STARTER") == (
        'Updated Äki Mäkelä: form "New starter".'
    )
    assert people_by_handle(db_path)["aki"] == ("New starter", 30, "chat specialist")
    assert ok(db_path, "forms").splitlines()[1:] == [
        "Coaching 1:1                           1     6  2 people (team default)",
        "New starter                            1     7  1 person",
    ]
    said(db_path, "held", "aki", "--no-next")
    assert sessions(db_path) == {2: ("New starter", 1)}


def test_people_set_form_default_puts_the_person_back_on_the_team_form(db_path):
    add_team(db_path)
    said(db_path, "people", "set", "aki", "--form", "New starter")
    assert said(db_path, "people", "set", "aki", "--form", "default") == (
        "Updated Äki Mäkelä: the team's default form."
    )
    said(db_path, "people", "set", "ben", "--form", "New starter")
    said(db_path, "people", "set", "ben", "--form", "")
    assert {h: f for h, (f, _, _) in people_by_handle(db_path).items()} == {
        "anna": None,
        "aki": None,
        "ben": None,
    }


def test_people_set_changes_cadence_and_role(db_path):
    add_team(db_path)
    assert said(
        db_path, "people", "set", "anna", "--every", "2w", "--role", " senior  advisor"
    ) == ('Updated Anna Virtanen: coached every 14 days, role "senior advisor".')
    anna = next(p for p in team(db_path) if p["handle"] == "anna")
    assert (anna["cadence_days"], anna["role"], anna["due_on"]) == (
        14,
        "senior advisor",
        "2026-11-10",
    )
    assert said(db_path, "people", "set", "aki", "--role", "") == "Updated Äki Mäkelä: no role."


def test_people_set_with_nothing_new_says_so(db_path):
    add_team(db_path)
    before = files(db_path)
    assert said(db_path, "people", "set", "aki", "--role", "chat specialist") == (
        'No change: Äki Mäkelä already has role "chat specialist".'
    )
    assert files(db_path) == before


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("--form", "Nope"),
            'There is no form called "Nope". Forms: "Coaching 1:1", "New starter".',
        ),
        (
            (),
            "Say what to change: --name, --handle, --role, --every, --form or --started "
            "(see --help).",
        ),
        (("--every", "often"), 'Can\'t read "often" as a length of time'),
    ],
)
def test_people_set_refuses_what_it_cannot_do(db_path, args, message):
    add_team(db_path)
    assert message in refused(db_path, "people", "set", "anna", *args)


def test_people_set_refuses_an_archived_person(db_path):
    add_team(db_path)
    said(db_path, "people", "archive", "ben")
    result = run(db_path, "people", "set", "ben", "--role", "x")
    assert result.exit_code == 2
