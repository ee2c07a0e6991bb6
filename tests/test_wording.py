"""Who says what: the layers under the interfaces carry data, each interface words it.

The shell's words are `sup …` commands; the TUI's are keys and plain words. So
domain, store, actions and present spell out no command, and nothing the TUI
shows after an action or an error tells the lead to type one.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from apphelpers import (
    ANCHOR,
    days,
    demo_app,
    demo_copy,
    loaded,
    paste,
    person_named,
    pilot_test,
    reload,
    settled,
    told,
    until,
)
from storehelpers import on_disk
from textual.widgets import Input, Static

import supervisor_tui
from supervisor_tui.actions import forms, holding, routines, sessions, team
from supervisor_tui.actions.base import ACK, ANSWER, CALENDAR, GIVE_FORM, PLAN, Next
from supervisor_tui.actions.capture import save_capture
from supervisor_tui.actions.sessions import PlanChangedError
from supervisor_tui.cli.words import error_text, next_step
from supervisor_tui.domain.capture import Capture
from supervisor_tui.domain.entities import PLANNED, Form, Person, Suggestion, Win
from supervisor_tui.store import PersonGoneError, Store
from supervisor_tui.tui.dialogs.capture import CaptureScreen
from supervisor_tui.tui.screens.day import DayScreen

PACKAGE = Path(supervisor_tui.__file__).parent
BELOW_THE_INTERFACES = ("domain", "store", "actions", "present")


def _strings(tree: ast.AST):
    """Every string literal in ``tree`` (f-string parts too), docstrings left out."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in docstrings:
            yield node.lineno, node.value


def _sources() -> list[Path]:
    return sorted(p for layer in BELOW_THE_INTERFACES for p in (PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_layer_below_the_interfaces_spells_a_sup_command(path: Path) -> None:
    found = [
        f"{path.name}:{line}: {text!r}"
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8")))
        if "sup " in text
    ]
    assert not found, "word it in cli/ (and tui/), carry data here:\n" + "\n".join(found)


# -- the shell's words for the same data --------------------------------------------------

ANNA = Person(1, "Anna Virtanen", "anna", dt.date(2026, 1, 5))


@pytest.mark.parametrize(
    ("step", "words"),
    [
        (None, ""),
        (
            Next(ACK, Win(12, 1, "x", ANCHOR, dt.datetime(2026, 11, 20, 9))),
            "Acknowledge it soon: sup ack 12",
        ),
        (
            Next(ANSWER, Suggestion(7, 1, "x", ANCHOR, dt.datetime(2026, 11, 20, 9))),
            "Answer it: sup answer 7",
        ),
        (Next(PLAN, ANNA), "Plan the next one: sup plan anna DATE"),
        (Next(CALENDAR), "Put them in your calendar: sup ics --out coaching.ics"),
        (
            Next(GIVE_FORM, Form("Team leads", 1, ("a",))),
            'Make it someone\'s form: sup people set PERSON --form "Team leads"',
        ),
    ],
    ids=["nothing", "ack", "answer", "plan", "calendar", "give-form"],
)
def test_the_cli_words_each_next_step_as_the_command_to_type(step: Next | None, words: str):
    assert next_step(step) == words


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            PersonGoneError(1),
            "That person was archived or removed in the meantime. Nothing was saved; "
            "check `sup people` and try again.",
        ),
        (
            PlanChangedError(ANNA),
            "Anna Virtanen's coaching changed meanwhile (perhaps from another terminal). "
            "Nothing was planned; run `sup plan --month` again.",
        ),
        (ValueError("Something else."), "Something else."),
    ],
    ids=["person-gone", "plan-changed", "no-command"],
)
def test_the_cli_words_errors_that_happen_between_two_terminals(error: Exception, words: str):
    assert error_text(error) == words


# -- the TUI's words ---------------------------------------------------------------------


@pytest.fixture
def db(tmp_path):
    return demo_copy(tmp_path)


def _failing_actions(app) -> dict[str, tuple[Callable[[], object], str]]:
    """Every action error the shell words with a command: how to cause it, and what the
    TUI says instead."""
    store, today, now = app.store, app.today, app.now
    records = app.records
    anna = person_named(records, "anna")
    win = records.wins[0]
    planned = next(s for s in records.sessions if s.status == PLANNED)
    someone_planned = records.person(planned.person_id)
    past = dt.datetime.combine(ANCHOR - days(20), dt.time(10))
    return {
        "a win's id given as a follow-up's": (
            lambda: routines.mark_done(store, win.id, today),
            f"#{win.id} is a win, not a follow-up.",
        ),
        "an id that names nothing": (
            lambda: routines.mark_done(store, 999_999, today),
            "There is no item #999999; it was removed, perhaps in another terminal.",
        ),
        "a session planned in the past": (
            lambda: sessions.plan_session(store, anna.id, past, now),
            "That date is in the past. Plan a day from today on.",
        ),
        "a session held in the future": (
            lambda: holding.hold_without_notes(store, anna.id, ANCHOR + days(3), None, now),
            "A session can't be held in the future; plan it instead.",
        ),
        "a month's plan overtaken": (
            lambda: sessions.plan_many(store, [(someone_planned.id, past + days(40))], now),
            f"{someone_planned.name}'s coaching changed meanwhile (perhaps from another "
            "terminal). Nothing was planned.",
        ),
        "a person with no name": (
            lambda: team.add_person(store, "  ", None, 30, "", today),
            "Give the person's name.",
        ),
        "a form with no name": (
            lambda: forms.create_form(store, " ", "one\ntwo"),
            "Give the form a name.",
        ),
        "a form that exists": (
            lambda: forms.create_form(store, "coaching 1:1", "one\ntwo"),
            'There is already a form called "Coaching 1:1".',
        ),
    }


@pilot_test
async def test_the_tui_words_every_action_error_without_a_sup_command(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        wrong = {}
        for case, (run, expected) in _failing_actions(app).items():
            before = len(told(app))
            app.perform(run)
            await until(pilot, lambda before=before: len(told(app)) > before, what=case)
            shown = told(app)[-1].message
            if shown != expected or "sup " in shown:
                wrong[case] = shown
        assert not wrong


@pilot_test
async def test_the_tui_says_what_actions_did_without_a_sup_command(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        records = app.records
        anna, ben = person_named(records, "anna"), person_named(records, "ben")
        planned = next(s for s in records.sessions if s.status == PLANNED)
        due = next(p for p in records.active_people() if p.handle == "chloe")  # none planned
        for run in (
            lambda: save_capture(app.store, Capture("win", anna, "calmed the queue"), app.now),
            lambda: save_capture(app.store, Capture("idea", ben, "shorter codes"), app.now),
            lambda: sessions.cancel_session(app.store, planned.id, app.today),
            lambda: sessions.plan_many(
                app.store, [(due.id, dt.datetime.combine(ANCHOR + days(3), dt.time(10)))], app.now
            ),
            lambda: forms.create_form(app.store, "Team leads", "one\ntwo"),
        ):
            app.perform(run)
        await settled(pilot)
        shown = [n.message for n in told(app)]
    assert shown[0].startswith("Saved win #")
    assert shown[1].startswith(f"Saved {ben.name}'s suggestion")
    assert shown[2].startswith("Cancelled ") and shown[3] == "Planned 1 coaching session."
    assert shown[4] == 'Created "Team leads" version 1 (2 agenda items).'
    assert not [message for message in shown if "sup " in message]


async def _capture(pilot, line: str) -> str:
    """Type ``line`` into the capture bar and press Enter; what the bar then says is wrong."""
    app = pilot.app
    await pilot.press("c")
    await paste(pilot, line)
    await pilot.press("enter")
    await until(
        pilot,
        lambda: (
            not isinstance(app.screen, CaptureScreen)
            or (
                not app.screen.saving
                and (
                    app.screen.query("#dialog-status")
                    or str(app.screen.query_one("#error").content)
                )
            )
        ),
        what="the capture to be saved or refused",
    )
    assert isinstance(app.screen, CaptureScreen), "the bar must stay open with the reason"
    assert app.screen.query_one("#line", Input).value == line
    status = app.screen.query("#dialog-status")
    said = status.first(Static).content if status else app.screen.query_one("#error").content
    return str(said)


@pilot_test
async def test_the_capture_bar_says_who_is_unknown_without_a_sup_command(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        said = await _capture(pilot, "win @zed handled it")
    assert said.startswith('No one called "zed". People: @aki, @anna')
    assert "sup " not in said


@pilot_test
async def test_the_capture_bar_refuses_a_plan_in_the_past_without_a_sup_command(db):
    before = on_disk(db)
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        past = ANCHOR - days(20)
        said = await _capture(pilot, f"plan @anna {past.isoformat()} 10:00")
    assert said == "Not saved: That date is in the past. Plan a day from today on."
    assert on_disk(db) == before


@pilot_test
async def test_the_capture_bar_says_a_person_archived_elsewhere_without_a_sup_command(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        anna = person_named(app.records, "anna")
        team.archive_person(Store(db), anna.id)  # another terminal, while the app shows her
        said = await _capture(pilot, "win @anna closed the case")
        assert isinstance(app.screen, CaptureScreen)
    assert said == (
        "Not saved: That person was archived or removed in the meantime. Nothing was saved."
    )
    assert not [w for w in reload(db).wins if w.text == "closed the case"]


@pilot_test
async def test_the_empty_day_view_tells_the_lead_about_the_shell_in_so_many_words(tmp_path):
    # The one place the TUI names a command: adding people is done in a shell.
    app = demo_app(tmp_path / "empty.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.records is not None and isinstance(app.screen, DayScreen))
        await pilot.pause()
        title = str(app.screen.query_one("#title", Static).content)
    assert title == "No one on your team yet. Press + to add someone."
