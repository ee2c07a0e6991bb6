"""`sup goal add|check|done|drop`, `sup goals [--json]` and `sup import kpi`: exit codes,
exact output, the JSON contract, and a KPI file imported whole or not at all."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from clihelpers import ok, run, said
from storehelpers import on_disk

from supervisor_tui.domain.entities import FROM_CLI, FROM_IMPORT
from supervisor_tui.store import Store

# TODAY is Sunday 22 November 2026 (clihelpers).


@pytest.fixture
def team(db_path: Path) -> Path:
    """Anna and Äki, Anna with a CSAT goal and a behaviour, Äki with a handling time."""
    ok(db_path, "people", "add", "Anna Virtanen")
    ok(db_path, "people", "add", "Äki Mäkelä")
    ok(db_path, "goal", "add", "anna", "CSAT", "--target", ">= 4.5")
    ok(db_path, "goal", "add", "anna", "Uses the customer's name")
    ok(db_path, "goal", "add", "aki", "Käsittelyaika", "--target", "<= 300", "--unit", "s")
    return db_path


def _goal(db: Path, title: str):
    return next(g for g in Store(db).load().goals if g.title == title)


def _check_ins(db: Path, title: str) -> list[tuple[str, object]]:
    goal = _goal(db, title)
    return [
        (c.on.isoformat(), c.level if c.level is not None else c.value)
        for c in Store(db).load().check_ins
        if c.goal_id == goal.id
    ]


def test_adding_goals_says_what_was_set(db_path):
    ok(db_path, "people", "add", "Anna Virtanen")
    first = said(db_path, "goal", "add", "anna", "CSAT", "--target", ">= 4,5", "--unit", "pts")
    goal = _goal(db_path, "CSAT")
    assert first == f"Set goal #{goal.id} for Anna Virtanen: CSAT (≥ 4.5 pts)."
    assert (goal.kind, goal.op, goal.target, goal.unit, goal.set_on.isoformat()) == (
        "metric",
        ">=",
        4.5,
        "pts",
        "2026-11-22",
    )
    second = said(db_path, "goal", "add", "anna", "Uses the customer's name", "--review", "+2w")
    name = _goal(db_path, "Uses the customer's name")
    assert second == (
        f"Set goal #{name.id} for Anna Virtanen: Uses the customer's name "
        "(behaviour, review Sun 6 Dec)."
    )
    assert (name.kind, name.op, name.target, name.review_on.isoformat()) == (
        "behaviour",
        None,
        None,
        "2026-12-06",
    )


@pytest.mark.parametrize(
    "args, error",
    [
        (["nobody", "CSAT"], 'Error: No one called "nobody".'),
        (["anna", "  "], 'Error: Name the goal, e.g. "CSAT" or "Uses the customer\'s name".'),
        (
            ["anna", "CSAT", "--target", "4.5"],
            'Error: "4.5" is not a target; write it like ">= 4.5", "<= 300" or "= 100".',
        ),
        (
            ["anna", "CSAT", "--target", ">= 4.5", "--unit", "kg"],
            'Error: Use one of these units: %, s, pts (or none), not "kg".',
        ),
        (
            ["anna", "Listens", "--unit", "%"],
            'Error: A unit needs a target: --target ">= 90" --unit %.',
        ),
        (
            ["anna", "CSAT", "--review", "someday"],
            'Error: Can\'t read "someday" as a date.',
        ),
    ],
)
def test_a_goal_that_cannot_be_set_says_why_and_writes_nothing(db_path, args, error):
    ok(db_path, "people", "add", "Anna Virtanen")
    before = on_disk(db_path)
    result = run(db_path, "goal", "add", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(error), result.stderr
    assert on_disk(db_path) == before


def test_checking_in_records_a_number_or_a_level_and_a_second_one_that_day_replaces_it(team):
    csat, name = _goal(team, "CSAT"), _goal(team, "Uses the customer's name")
    assert said(team, "goal", "check", str(csat.id), "4,2", "--on", "2026-10-22") == (
        "Checked in Anna Virtanen's CSAT on Thu 22 Oct: 4.2."
    )
    assert said(team, "goal", "check", f"#{csat.id}", "4.6", "--note", "a good month") == (
        "Checked in Anna Virtanen's CSAT on Sun 22 Nov: 4.6."
    )
    assert said(team, "goal", "check", str(csat.id), "4.7") == (
        "Checked in Anna Virtanen's CSAT on Sun 22 Nov: 4.7 (was 4.6)."
    )
    assert said(team, "goal", "check", str(name.id), "some") == (
        "Checked in Anna Virtanen's Uses the customer's name on Sun 22 Nov: sometimes."
    )
    assert _check_ins(team, "CSAT") == [("2026-10-22", 4.2), ("2026-11-22", 4.7)]
    (latest,) = [c for c in Store(team).load().check_ins if c.value == 4.7]
    assert (latest.note, latest.source) == ("a good month", FROM_CLI)


@pytest.mark.parametrize(
    "args, error",
    [
        (["999", "4.6"], "Error: There is no item #999. `sup today` shows the ids."),
        (["PERSON", "4.6"], "Error: #PERSON is a person, not a goal."),
        (["CSAT_ID", "four"], 'Error: "four" is not a number; write it like 4.6 or 4,6.'),
        (
            ["NAME_ID", "4"],
            'Error: "4" is not a level; say not yet, sometimes or consistently (or 1, 2, 3).',
        ),
        (["CSAT_ID", "4.6", "--on", "+2d"], "Error: A check-in can't be for a day still to come."),
    ],
)
def test_a_check_in_that_cannot_be_recorded_says_why_and_writes_nothing(team, args, error):
    ids = {
        "CSAT_ID": str(_goal(team, "CSAT").id),
        "NAME_ID": str(_goal(team, "Uses the customer's name").id),
        "PERSON": str(_goal(team, "CSAT").person_id),
    }
    args = [ids.get(a, a) for a in args]
    error = error.replace("#PERSON", "#" + ids["PERSON"])
    before = on_disk(team)
    result = run(team, "goal", "check", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(error), result.stderr
    assert on_disk(team) == before


def test_a_goal_is_marked_met_or_dropped_once(team):
    csat, name = _goal(team, "CSAT"), _goal(team, "Uses the customer's name")
    assert said(team, "goal", "done", str(csat.id)) == (
        f"Anna Virtanen's goal #{csat.id} (CSAT): met."
    )
    assert said(team, "goal", "drop", str(name.id)) == (
        f"Anna Virtanen's goal #{name.id} (Uses the customer's name): dropped."
    )
    again = run(team, "goal", "drop", str(csat.id))
    assert (again.exit_code, again.stderr) == (2, f"Error: Goal #{csat.id} is already met.\n")
    late = run(team, "goal", "check", str(csat.id), "4.9")
    assert late.exit_code == 2
    assert late.stderr == f"Error: Goal #{csat.id} is met since Sun 22 Nov.\n"


def test_goals_lists_each_persons_goals_with_status_trend_and_last_values(team):
    csat = _goal(team, "CSAT")
    name = _goal(team, "Uses the customer's name")
    aht = _goal(team, "Käsittelyaika")
    for on, value in (("2026-09-22", "4.1"), ("2026-10-22", "4.3"), ("2026-11-20", "4.4")):
        ok(team, "goal", "check", str(csat.id), value, "--on", on)
    ok(team, "goal", "check", str(name.id), "consistently")
    ok(team, "goal", "check", str(aht.id), "280", "--on", "2026-09-01")  # too long ago
    assert ok(team, "goals") == (
        "Äki Mäkelä (@aki)\n"
        f"  #{aht.id}    Käsittelyaika ≤ 300 s            no data   ▄      280 s\n"
        "\n"
        "Anna Virtanen (@anna)\n"
        f"! #{csat.id}    CSAT ≥ 4.5                       off track ▁▆█    4.1 · 4.3 · 4.4\n"
        f"  #{name.id}    Uses the customer's name         on track  █      consistently\n"
    )
    assert ok(team, "goals", "aki").startswith("Äki Mäkelä (@aki)\n")


def test_goals_says_how_to_set_one_when_there_are_none(db_path):
    ok(db_path, "people", "add", "Anna Virtanen")
    assert ok(db_path, "goals") == (
        'No one has goals yet. Set one with: sup goal add PERSON "CSAT" --target ">= 4.5"\n'
    )
    assert ok(db_path, "goals", "anna") == (
        'Anna Virtanen has no goals yet. Set one with: sup goal add anna "CSAT" --target ">= 4.5"\n'
    )


def test_goals_json_has_the_documented_shape(team):
    csat, name = _goal(team, "CSAT"), _goal(team, "Uses the customer's name")
    aht = _goal(team, "Käsittelyaika")
    ok(team, "goal", "check", str(csat.id), "4,6", "--on", "2026-11-01")
    ok(team, "goal", "check", str(csat.id), "4.4", "--on", "2026-10-01")
    ok(team, "goal", "check", str(name.id), "not yet")
    ok(team, "goal", "drop", str(aht.id))
    doc = json.loads(ok(team, "goals", "--json"))
    aki = {"id": aht.person_id, "name": "Äki Mäkelä", "handle": "aki"}
    anna = {"id": csat.person_id, "name": "Anna Virtanen", "handle": "anna"}
    assert doc == [
        {
            "id": aht.id,
            "person": aki,
            "title": "Käsittelyaika",
            "kind": "metric",
            "target": {"op": "<=", "value": 300.0, "unit": "s"},
            "status": "dropped",
            "check_ins": [],
        },
        {
            "id": csat.id,
            "person": anna,
            "title": "CSAT",
            "kind": "metric",
            "target": {"op": ">=", "value": 4.5, "unit": None},
            "status": "on_track",
            "check_ins": [{"on": "2026-10-01", "value": 4.4}, {"on": "2026-11-01", "value": 4.6}],
        },
        {
            "id": name.id,
            "person": anna,
            "title": "Uses the customer's name",
            "kind": "behaviour",
            "target": None,
            "status": "on_track",
            "check_ins": [{"on": "2026-11-22", "value": "not yet"}],
        },
    ]
    # `person` is as `sup today --json` has it.
    assert list(json.loads(ok(team, "goals", "anna", "--json"))[0]["person"]) == [
        "id",
        "name",
        "handle",
    ]


# -- sup import kpi ------------------------------------------------------------------------

GOOD = """person;date;metric;value
anna;2026-11-20;csat;4,6
Äki Mäkelä;20.11.2026;KASITTELYAIKA;310
@anna;2026-11-20;Uses the customer’s name;sometimes
"""


def _file(tmp_path: Path, text: str, name: str = "kpi.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_kpi_file_brings_a_month_of_figures_in_and_again_changes_nothing(team, tmp_path):
    path = _file(tmp_path, GOOD)
    assert said(team, "import", "kpi", str(path)) == (
        "Imported: 3 new, 0 changed, 0 already there."
    )
    assert _check_ins(team, "CSAT") == [("2026-11-20", 4.6)]
    assert _check_ins(team, "Käsittelyaika") == [("2026-11-20", 310.0)]
    assert _check_ins(team, "Uses the customer's name") == [("2026-11-20", "sometimes")]
    assert {c.source for c in Store(team).load().check_ins} == {FROM_IMPORT}
    before = on_disk(team)
    assert said(team, "import", "kpi", str(path)) == (
        "Imported: 0 new, 0 changed, 3 already there."
    )
    assert on_disk(team) == before  # the same file again changes nothing


def test_a_corrected_kpi_file_replaces_the_days_figures(team, tmp_path):
    ok(team, "import", "kpi", str(_file(tmp_path, GOOD)))
    fixed = GOOD.replace("4,6", "4,7")
    assert said(team, "import", "kpi", str(_file(tmp_path, fixed, "fixed.csv"))) == (
        "Imported: 0 new, 1 changed, 2 already there."
    )
    assert _check_ins(team, "CSAT") == [("2026-11-20", 4.7)]


def test_a_comma_separated_kpi_file_without_a_header_reads_quoted_decimal_commas(team, tmp_path):
    text = 'anna,2026-11-20,CSAT,"4,6"\r\naki,2026-11-20,käsittelyaika,295.5\r\n'
    assert said(team, "import", "kpi", str(_file(tmp_path, text))) == (
        "Imported: 2 new, 0 changed, 0 already there."
    )
    assert _check_ins(team, "CSAT") == [("2026-11-20", 4.6)]
    assert _check_ins(team, "Käsittelyaika") == [("2026-11-20", 295.5)]


def test_a_dry_run_shows_what_would_be_written_and_writes_nothing(team, tmp_path):
    ok(team, "goal", "check", str(_goal(team, "CSAT").id), "4.1", "--on", "2026-11-20")
    before = on_disk(team)
    csat, aht = _goal(team, "CSAT"), _goal(team, "Käsittelyaika")
    name = _goal(team, "Uses the customer's name")
    assert ok(team, "import", "kpi", str(_file(tmp_path, GOOD)), "--dry-run") == (
        f"  new      Äki Mäkelä · Käsittelyaika (#{aht.id}) Fri 20 Nov: 310 s\n"
        f"  new      Anna Virtanen · Uses the customer's name (#{name.id}) Fri 20 Nov: sometimes\n"
        f"  changed  Anna Virtanen · CSAT (#{csat.id}) Fri 20 Nov: 4.6 (was 4.1)\n"
        "Would import: 2 new, 1 changed, 0 already there. Nothing was written (--dry-run).\n"
    )
    assert on_disk(team) == before


BAD = """person;date;metric;value
anna;2026-11-20;CSAT;4,6
bob;2026-11-20;CSAT;4,6
anna;2026-13-01;CSAT;4,6
anna;2026-11-20;NPS;40
anna;2026-11-20;CSAT;four
anna;2026-11-20;Uses the customer's name;always
anna;2026-11-20
aki;2026-12-24;Käsittelyaika;300
"""


def test_a_kpi_file_with_bad_rows_is_refused_whole_with_every_bad_row_by_line(team, tmp_path):
    before = on_disk(team)
    result = run(team, "import", "kpi", str(_file(tmp_path, BAD)))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: Nothing was imported: 7 rows could not be read.\n"
        '  line 3: no one on the team is "bob"; use a handle or a full name (see `sup people`).\n'
        '  line 4: "2026-13-01" is not a date; write it like 2026-11-30 or 30.11.2026.\n'
        '  line 5: Anna Virtanen has no active goal called "NPS"; set it with `sup goal add`.\n'
        '  line 6: "four" is not a number; write it like 4.6 or 4,6.\n'
        '  line 7: "always" is not a level; say not yet, sometimes or consistently (or 1, 2, 3).\n'
        "  line 8: needs four columns: person, date, metric, value.\n"
        '  line 9: "2026-12-24" is still to come.\n'
    )
    assert on_disk(team) == before  # not even the good row
    assert Store(team).load().check_ins == ()


def test_a_kpi_file_that_is_missing_is_said_so(team, tmp_path):
    result = run(team, "import", "kpi", str(tmp_path / "nowhere.csv"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_a_kpi_row_with_markup_or_escapes_is_echoed_harmlessly(team, tmp_path):
    text = "anna;2026-11-20;[bold]CSAT\x1b[31m;4\n"
    result = run(team, "import", "kpi", str(_file(tmp_path, text)))
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "[bold]CSAT" in result.stderr


# -- where goals show elsewhere -----------------------------------------------------------


def test_today_says_how_many_goals_are_off_track_for_a_session_today(team):
    csat = _goal(team, "CSAT")
    ok(team, "plan", "anna", "today 15:00")
    for on, value in (("2026-10-22", "4.1"), ("2026-11-20", "4.2")):
        ok(team, "goal", "check", str(csat.id), value, "--on", on)
    session = json.loads(ok(team, "today", "--json"))["sessions_today"][0]
    assert session["goals_off_track"] == 1
    assert "no open items · 1 goal off track" not in ok(team, "today")
    assert "1 goal off track" in ok(team, "today")


def test_a_held_sessions_record_says_the_goals_discussed_and_their_values(team):
    from supervisor_tui.actions.holding import hold_session
    from supervisor_tui.domain.clock import local_now
    from supervisor_tui.domain.drafts import GoalValue, NewGoal, SessionDraft
    from supervisor_tui.domain.forms import form_for

    store = Store(team)
    records = store.load()
    anna = next(p for p in records.people if p.handle == "anna")
    csat, name = _goal(team, "CSAT"), _goal(team, "Uses the customer's name")
    now = local_now(dt.date(2026, 11, 22))
    draft = (
        SessionDraft.start(anna.id, form_for(anna, records))
        .with_goal_value(GoalValue(csat.id, 4.6))
        .with_goal_value(GoalValue(name.id, level="sometimes"))
        .with_goal(NewGoal("Handling time", "<=", 300.0, "s"))
    )
    done = hold_session(store, draft, now.date(), None, now)
    assert done.message == (
        "Held Anna Virtanen's session on Sun 22 Nov "
        "(notes on 0 of 6 items · 2 goal values · 1 new goal)."
    )
    md = ok(team, "session", "show", "anna", "--format", "md")
    assert md.endswith(
        "## Goals\n\n"
        "- CSAT (≥ 4.5): 4.6\n"
        "- Uses the customer's name (behaviour): sometimes\n"
        "- New goal: Handling time (≤ 300 s)\n"
    )
    text = ok(team, "session", "show", "anna")
    assert text.endswith(
        "Goals\n"
        "   CSAT (≥ 4.5): 4.6\n"
        "   Uses the customer's name (behaviour): sometimes\n"
        "   New goal: Handling time (≤ 300 s)\n"
    )
    sources = {(c.goal_id, c.source, c.session_id) for c in store.load().check_ins}
    session_id = done.record.id
    assert sources == {(csat.id, "session", session_id), (name.id, "session", session_id)}


def test_a_goal_name_with_control_characters_is_refused_and_markup_is_kept_as_typed(db_path):
    ok(db_path, "people", "add", "Anna Virtanen")
    before = on_disk(db_path)
    result = run(db_path, "goal", "add", "anna", "CSAT\x1b[31m red")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: A goal's name is one line of text, without line breaks, tabs or control "
        "characters.\n"
    )
    assert on_disk(db_path) == before
    ok(db_path, "goal", "add", "anna", "[bold]CSAT[/]", "--target", ">= 4.5")
    assert "[bold]CSAT[/] ≥ 4.5" in ok(db_path, "goals")
    assert json.loads(ok(db_path, "goals", "--json"))[0]["title"] == "[bold]CSAT[/]"


def test_undoing_a_hold_takes_its_goal_values_back_into_the_draft(team):
    from supervisor_tui.actions.drafts import kept_draft
    from supervisor_tui.actions.holding import hold_session
    from supervisor_tui.actions.undo import undo
    from supervisor_tui.domain.clock import local_now
    from supervisor_tui.domain.drafts import GoalValue, NewGoal, SessionDraft
    from supervisor_tui.domain.forms import form_for

    store = Store(team)
    records = store.load()
    anna = next(p for p in records.people if p.handle == "anna")
    csat = _goal(team, "CSAT")
    now = local_now(dt.date(2026, 11, 22))
    draft = (
        SessionDraft.start(anna.id, form_for(anna, records))
        .with_goal_value(GoalValue(csat.id, 4.6))
        .with_goal(NewGoal("Handling time", "<=", 300.0, "s"))
    )
    done = hold_session(store, draft, now.date(), None, now)
    assert len(Store(team).load().check_ins) == 1
    undo(store, done)
    after = Store(team).load()
    assert after.check_ins == ()
    assert [g.title for g in after.goals if g.person_id == anna.id] == [
        "CSAT",
        "Uses the customer's name",
    ]
    back = kept_draft(store, anna.id)
    assert back.goal_values == (GoalValue(csat.id, 4.6),)
    assert back.new_goals == (NewGoal("Handling time", "<=", 300.0, "s"),)


def test_a_second_active_goal_of_the_same_name_is_refused(team):
    csat = _goal(team, "CSAT")
    before = on_disk(team)
    result = run(team, "goal", "add", "anna", "csat", "--target", ">= 4.8")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: Anna Virtanen already has a goal called CSAT (#{csat.id}); "
        "check in on that one, or drop it first.\n"
    )
    assert on_disk(team) == before
    ok(team, "goal", "drop", str(csat.id))
    ok(team, "goal", "add", "anna", "csat", "--target", ">= 4.8")  # a new one, once dropped
