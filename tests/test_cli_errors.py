"""What `sup` does with mistakes: a clear message, the right exit code, nothing written.

Mistakes in what was typed exit with 2 and "Error: …" on stderr; a data file that
cannot be used exits with 1 and names the file. Every case checks that the files
beside the database (database, journal, backups) are byte for byte as before, and
that no traceback was printed (see ``clihelpers.run``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from clihelpers import RAW_CONTROL, add_team, day, files, refused, run, said, team

DATE_FORMS = ("today", "tomorrow", "a weekday (fri)", "+3d", "+2w", "2026-12-01", "1.12.")


def _with_records(db: Path) -> None:
    """Anna's win #4, Ben's suggestion #5, Anna's follow-up #6 (due today)."""
    add_team(db)
    said(db, "win", "anna", "closed the case")
    said(db, "idea", "ben", "shorter wrap-up codes")
    said(db, "todo", "anna", "send the shift plan", "--by", "today")


# -- people who can't be found -----------------------------------------------------------


def test_ambiguous_person_lists_both_and_saves_nothing(db_path):
    add_team(db_path)
    said(db_path, "people", "add", "Anna Berg")
    message = refused(db_path, "win", "ann", "closed the case")
    assert message == (
        'Error: "ann" matches several people: Anna Berg (@annab), Anna Virtanen (@anna). '
        "Type more of the name.\n"
    )
    assert day(db_path)["wins"] == []


def test_unknown_person_lists_the_handles_and_saves_nothing(db_path):
    add_team(db_path)
    message = refused(db_path, "idea", "zed", "shorter wrap-up codes")
    assert message == (
        'Error: No one called "zed". People: @aki, @anna, @ben. '
        'Add someone with: sup people add "Full Name"\n'
    )


def test_unknown_person_in_a_capture_line_is_refused(db_path):
    add_team(db_path)
    message = refused(db_path, "capture", "win @zed closed the case")
    assert 'No one called "zed"' in message
    assert "@aki, @anna, @ben" in message


def test_archived_person_cannot_be_captured_for(db_path):
    add_team(db_path)
    said(db_path, "people", "archive", "ben")
    message = refused(db_path, "win", "ben", "helped a new colleague")
    assert 'No one called "ben". People: @aki, @anna.' in message
    refused(db_path, "capture", "win @ben helped a new colleague")
    refused(db_path, "plan", "ben", "tue 10:00")
    refused(db_path, "held", "ben")
    assert 'No one called "ben"' in refused(db_path, "people", "archive", "ben")


def test_person_reference_with_control_characters_is_echoed_inert(db_path):
    add_team(db_path)
    message = refused(db_path, "win", "\x1b]52;c;aGk=\x07", "x")
    assert not RAW_CONTROL.search(message.rstrip("\n"))
    assert "\\x1b]52;c;aGk=\\x07" in message


def test_with_no_team_an_unknown_person_says_how_to_add_one(db_path):
    message = refused(db_path, "win", "anna", "closed the case")
    assert "There is no one on the team yet." in message
    assert not db_path.exists()


# -- empty text and missing pieces -------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("win", "anna", ""),
        ("win", "anna", "   "),
        ("idea", "ben", ""),
        ("note", "aki", " "),
        ("note", "aki", "--wellbeing", ""),
        ("todo", "anna", ""),
        ("todo", "anna", "", "--by", "fri"),
        ("todo", "anna", "by fri"),
        ("plan", "anna", " "),
    ],
    ids=lambda args: " ".join(repr(a) for a in args),
)
def test_empty_text_is_refused_with_an_example(db_path, args):
    _with_records(db_path)
    message = refused(db_path, *args)
    assert "needs some text" in message or "needs a date" in message
    assert "e.g." in message


@pytest.mark.parametrize(
    "line, expected",
    [
        ("", "Nothing to capture. Start with a kind and a person: win @anna"),
        ("thanks @anna for the cover", '"thanks" is not a kind. Start the line with one of: win'),
        ("win anna closed it", "Say who it is about: win @anna"),
        ("win @anna", "win needs some text"),
        ("todo @anna chat by the window", "to keep them as text, add the date at the end"),
    ],
)
def test_capture_line_that_does_not_fit_says_what_to_type(db_path, line, expected):
    _with_records(db_path)
    assert expected in refused(db_path, "capture", line)


def test_people_add_refuses_an_empty_name_a_taken_handle_and_a_bad_cadence(db_path):
    add_team(db_path)
    assert "Give the person's name" in refused(db_path, "people", "add", "  ")
    assert "@anna is taken" in refused(db_path, "people", "add", "Anna Berg", "--handle", "anna")
    assert "one word of letters and digits" in refused(
        db_path, "people", "add", "Anna Berg", "--handle", "anna berg"
    )
    message = refused(db_path, "people", "add", "Anna Berg", "--every", "monthly")
    assert "30d, 4w or 30" in message
    assert "at least one day" in refused(db_path, "people", "add", "Anna Berg", "--every", "0d")
    assert len(team(db_path)) == 3


# -- ids of the wrong kind ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (("ack", "5"), "Error: #5 is a suggestion, not a win. Use `sup answer 5` for that.\n"),
        (("ack", "6"), "Error: #6 is a follow-up, not a win. Use `sup done 6` for that.\n"),
        (("ack", "1"), "Error: #1 is a person, not a win.\n"),
        (
            ("answer", "4", "--accept"),
            "Error: #4 is a win, not a suggestion. Use `sup ack 4` for that.\n",
        ),
        (("done", "4"), "Error: #4 is a win, not a follow-up. Use `sup ack 4` for that.\n"),
        (
            ("done", "5"),
            "Error: #5 is a suggestion, not a follow-up. Use `sup answer 5` for that.\n",
        ),
        (("ack", "99"), "Error: There is no item #99. `sup today` shows the ids.\n"),
        (("done", "#99"), "Error: There is no item #99. `sup today` shows the ids.\n"),
    ],
)
def test_acting_on_an_id_of_the_wrong_kind_says_which_command_fits(db_path, args, message):
    _with_records(db_path)
    before = day(db_path)
    assert refused(db_path, *args) == message
    assert day(db_path) == before


def test_an_id_that_is_not_a_number_is_a_usage_error(db_path):
    _with_records(db_path)
    message = refused(db_path, "ack", "anna")
    assert "'anna' is not an id. Ids are numbers like 12" in message


def test_acknowledging_twice_is_refused_with_when_it_was_done(db_path):
    _with_records(db_path)
    said(db_path, "ack", "4", "--how", "message")
    message = refused(db_path, "ack", "4")
    assert message == "Error: Win #4 was already acknowledged on Sun 22 Nov (message).\n"


def test_marking_done_twice_is_refused(db_path):
    _with_records(db_path)
    said(db_path, "done", "6")
    assert refused(db_path, "done", "6") == "Error: #6 was already done on Sun 22 Nov.\n"


def test_ack_how_must_be_one_of_the_ways(db_path):
    _with_records(db_path)
    message = refused(db_path, "ack", "4", "--how", "telepathy")
    assert "in-person" in message and "message" in message and "team-meeting" in message


# -- answers that are not answers --------------------------------------------------------


@pytest.mark.parametrize(
    "args, expected",
    [
        ((), "Say what you decided: --accept, --decline or --later DATE."),
        (("--accept", "--later", "fri"), "Choose one of --accept, --decline or --later DATE."),
        (("--decline",), "A decline needs a response: say honestly why not"),
        (("--decline", "   "), "A decline needs a response"),
        (("--later", "today"), "The come-back date must be after today, e.g. fri or +1w."),
        (("--later", "yesterday"), "The come-back date must be after today"),
    ],
)
def test_answer_without_a_real_decision_is_refused(db_path, args, expected):
    _with_records(db_path)
    assert expected in refused(db_path, "answer", "5", *args)
    assert [s["decision"] for s in day(db_path)["suggestions"]] == ["open"]


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("todo", "anna", "send the shift plan", "--by", "someday"),
        ("answer", "5", "--later", "soonish", "checking"),
        ("win", "anna", "closed it", "--on", "the other day"),
        ("note", "aki", "calm", "--on", "lastweek"),
        ("held", "anna", "--on", "recently"),
        ("people", "add", "Anna Berg", "--started", "spring"),
        ("plan", "anna", "someday"),
        ("held", "anna", "--next", "later"),
    ],
    ids=lambda args: " ".join(args[:1] + args[-2:]),
)
def test_unreadable_date_lists_the_forms_that_work(db_path, args):
    _with_records(db_path)
    message = refused(db_path, *args)
    assert "as a date. Use " in message
    for form in DATE_FORMS:
        assert form in message, form


def test_a_date_not_in_the_calendar_is_refused(db_path):
    _with_records(db_path)
    message = refused(db_path, "todo", "anna", "x", "--by", "31.2.")
    assert message == (
        'Error: "31.2." is not a date in the calendar. '
        "Check the day and the month, e.g. 1.12.2026 or 2026-12-01.\n"
    )
    assert "not a date in the calendar" in refused(db_path, "plan", "anna", "2026-02-30 10:00")


def test_a_time_where_only_a_date_makes_sense_is_refused(db_path):
    _with_records(db_path)
    message = refused(db_path, "todo", "anna", "x", "--by", "fri 10:00")
    assert message == 'Error: No time is needed here, just a date: "fri" instead of "fri 10:00".\n'


def test_a_time_that_is_not_on_the_clock_is_refused(db_path):
    _with_records(db_path)
    message = refused(db_path, "plan", "anna", "tue 25:00")
    assert 'Can\'t read "25:00" as a time. Use hours and minutes from 00:00 to 23:59' in message


def test_planning_in_the_past_points_to_held(db_path):
    _with_records(db_path)
    message = refused(db_path, "plan", "anna", "2026-11-01 10:00")
    assert message == (
        "Error: That date is in the past. To record a session that was held, "
        "use `sup held anna --on DATE`.\n"
    )


def test_holding_a_session_in_the_future_points_to_plan(db_path):
    _with_records(db_path)
    message = refused(db_path, "held", "anna", "--on", "+3d")
    assert message == "Error: A session can't be held in the future; plan it instead: sup plan.\n"


def test_a_bad_today_option_is_a_usage_error(db_path):
    _with_records(db_path)
    message = refused(db_path, "today", today="someday")
    assert "Invalid value for '--today'" in message
    assert "+3d" in message and "1.12.2026" in message


# -- files that can't be used ------------------------------------------------------------

NEWER = {"meta": {"1": {"app": "supervisor-tui", "schema": 99, "next_id": 1}}}
DAMAGED_RECORD = {
    "meta": {"1": {"app": "supervisor-tui", "schema": 1, "next_id": 3}},
    "people": {"1": {"name": "Anna Virtanen", "handle": "anna", "started_on": "2026-01-05"}},
    "wins": {"2": {"person_id": 1, "happened_on": "yesterday-ish"}},
}
BAD_FILES = {
    "truncated json": (b'{"people": {"1": {"name": "Anna', "is not valid JSON"),
    "not utf-8": (b"\xff\xfe\x00garbage", "is not valid JSON"),
    "someone else's json": (b'{"hello": "world"}', "is not a supervisor-tui database"),
    "a json list": (b"[1, 2, 3]", "is not a supervisor-tui database"),
    "newer schema": (json.dumps(NEWER).encode(), "was written by a newer supervisor-tui"),
    "damaged record": (json.dumps(DAMAGED_RECORD).encode(), "has a damaged record (wins #2)"),
}
COMMANDS = {
    "today": ("today",),
    "today json": ("today", "--json"),
    "people": ("people",),
    "win": ("win", "anna", "closed the case"),
    "capture": ("capture", "win @anna closed the case"),
    "ack": ("ack", "2"),
    "add person": ("people", "add", "Ben Ek"),
    "export": ("export",),
}


@pytest.mark.parametrize("content, expected", BAD_FILES.values(), ids=BAD_FILES.keys())
@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_file_that_cannot_be_used_is_named_and_left_untouched(db_path, content, expected, args):
    db_path.write_bytes(content)
    message = refused(db_path, *args, code=1)
    assert message.startswith(f"Error: {db_path} ")
    assert expected in message
    assert "left untouched" in message
    assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir() if not p.name.endswith(".lock")) == [
        db_path.name
    ]


def test_newer_file_says_to_upgrade(db_path):
    db_path.write_bytes(json.dumps(NEWER).encode())
    message = refused(db_path, "today", code=1)
    assert "(schema 99; this version knows up to 1)" in message
    assert "Upgrade supervisor-tui to open it." in message


def test_unreadable_file_points_to_the_newest_backup(db_path):
    add_team(db_path)
    said(db_path, "people", "add", "Anna Berg")  # the second write of the day takes a backup
    (backup,) = db_path.parent.glob("*.bak.json")
    db_path.write_bytes(b"{oops")
    message = refused(db_path, "today", code=1)
    assert f"To restore the newest backup: cp '{backup}' '{db_path}'." in message


def test_broken_settings_file_is_named_and_nothing_is_saved(db_path):
    add_team(db_path)
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "supervisor-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[thresholds]\nwin_flag_days = \n")
    for args in (("today",), ("win", "anna", "closed the case"), ("held", "anna")):
        message = refused(db_path, *args, code=1)
        assert message.startswith(f"Error: {config} is not valid TOML")
    config.write_text("[thresholds]\nwin_flag_days = 5\n")
    said(db_path, "win", "anna", "closed the case", "--on", "-3d")
    assert day(db_path)["wins"][0]["flagged"] is False


def test_a_folder_given_as_the_database_is_a_usage_error(tmp_path):
    result = run(tmp_path, "today")
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_nothing_is_written_when_a_command_is_refused_midway(db_path):
    # The person resolves and the date parses; only the id is wrong. Still no write.
    _with_records(db_path)
    before = files(db_path)
    assert run(db_path, "answer", "4", "--later", "fri", "checking").exit_code == 2
    assert files(db_path) == before
