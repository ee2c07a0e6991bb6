"""Goals in the TUI: this month's values entered by keyboard in the 1:1, kept through a
draft, held with the session and shown as the new point on the person view's trend."""

from __future__ import annotations

from apphelpers import (
    ANCHOR,
    DayRow,
    days,
    demo_app,
    demo_copy,
    highlight,
    listed_rows,
    loaded,
    open_session,
    person_named,
    pilot_test,
    reload,
    settled,
    showing,
    until,
)

from supervisor_tui.domain.entities import FROM_SESSION, HELD
from supervisor_tui.tui.dialogs.goal import GoalValueScreen, NewGoalScreen
from supervisor_tui.tui.dialogs.resume import ResumeScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.screens.session import SessionScreen
from supervisor_tui.tui.widgets.agenda import AgendaItem

GOALS_ITEM = "Numbers and behaviours against goals"


def _goals_item(screen: SessionScreen) -> AgendaItem:
    return next(item for item in screen.query(AgendaItem) if item.item == GOALS_ITEM)


def _goal_row(item: AgendaItem, title: str):
    return next(row for row in item.rows.rows if row.who == title)


async def _to_goal(pilot, title: str):
    """From the goals item's notes, ↑ to its rows and onto the goal called ``title``."""
    item = _goals_item(pilot.app.screen)
    item.notes_area.focus()
    await pilot.press("up")
    rows = item.rows
    assert pilot.app.focused is rows
    rows.highlighted = rows.get_option_index(_goal_row(item, title).key)
    await pilot.pause()
    return item


@pilot_test
async def test_a_goal_value_entered_in_the_session_is_kept_held_and_shown_on_the_trend(
    tmp_path,
):
    db = demo_copy(tmp_path)
    before = reload(db)
    anna = person_named(before, "anna")
    aht = next(g for g in before.goals if g.person_id == anna.id and g.title == "Handling time")
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        item = _goals_item(screen)
        row = _goal_row(item, "Handling time")
        assert (row.when, row.flagged) == ("off track", True)  # seen before the 1:1 starts
        assert row.what == "≤ 300 s █▅▄▂▁ 315 · 310 · 305 s"
        # Letters typed in the notes are text, v too.
        item.notes_area.focus()
        await pilot.press(*"very close now")
        assert item.notes_area.text == "very close now"
        await _to_goal(pilot, "Handling time")
        await pilot.press("v")
        await until(pilot, lambda: showing(app, GoalValueScreen))
        await pilot.press(*"29x", "enter")  # refused: the dialog stays, says why
        assert isinstance(app.screen, GoalValueScreen)
        await pilot.press("backspace", *"5,5", "enter")
        await until(pilot, lambda: showing(app, SessionScreen))
        assert screen.draft.goal_value(aht.id).value == 295.5
        assert _goal_row(item, "Handling time").what == "≤ 300 s █▆▅▄▃▁ 305 → 295.5 s"
        # Leaving keeps it in the draft; coming back offers it again.
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen))
        await settled(pilot)
        await highlight(pilot, DayRow("session", "anna"))
        await pilot.press("h")
        await until(pilot, lambda: showing(app, ResumeScreen))
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, SessionScreen) and app.screen.ready)
        screen = app.screen
        assert screen.draft.goal_value(aht.id).value == 295.5
        assert "→ 295.5 s" in _goal_row(_goals_item(screen), "Handling time").what
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # hold, with the proposed next session
        await until(pilot, lambda: not isinstance(app.screen, SessionScreen), what="held")
        await settled(pilot)
        # The person view shows the new point at the end of the trend, now on track.
        await _open_person(pilot, "anna")
        await until(pilot, lambda: app.records_complete)
        (shown,) = [r for r in listed_rows(app) if r.key == f"goal-{aht.id}"]
        assert (shown.when, shown.flagged) == ("on track", False)
        assert shown.what == "≤ 300 s █▆▅▄▃▁ 310 · 305 · 295.5 s"

    after = reload(db)
    session = max(
        (s for s in after.sessions if s.person_id == anna.id and s.status == HELD),
        key=lambda s: s.held_on,
    )
    assert session.held_on == ANCHOR
    assert session.note_for(GOALS_ITEM) == "very close now"
    (new,) = [c for c in after.check_ins if c.session_id == session.id]
    assert (new.goal_id, new.on, new.value, new.source) == (aht.id, ANCHOR, 295.5, FROM_SESSION)


async def _open_person(pilot, handle: str) -> None:
    """The person view, opened from one of the person's rows on the day view."""
    app = pilot.app
    row = next(r for r in listed_rows(app) if r.person_id == person_named(app.records, handle).id)
    await highlight(pilot, row.key)
    await pilot.press("enter")
    await until(pilot, lambda: showing(app, PersonScreen))


@pilot_test
async def test_g_in_the_person_view_sets_a_goal_and_u_takes_it_back(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await _open_person(pilot, "dawit")
        await pilot.press("G")
        await until(pilot, lambda: showing(app, NewGoalScreen))
        await pilot.press(*"Wrap-up time", "tab", *"<= 60 s", "tab", *"+12w", "enter")
        await until(pilot, lambda: showing(app, PersonScreen), what="saved")
        await settled(pilot)
        dawit = person_named(reload(db), "dawit")
        (goal,) = [g for g in reload(db).goals if g.person_id == dawit.id and g.title[0] == "W"]
        assert (goal.op, goal.target, goal.unit, goal.set_on) == ("<=", 60.0, "s", ANCHOR)
        assert goal.review_on == ANCHOR + days(84)
        await until(pilot, lambda: any(r.key == f"goal-{goal.id}" for r in listed_rows(app)))
        (row,) = [r for r in listed_rows(app) if r.key == f"goal-{goal.id}"]
        assert (row.when, row.who, row.what) == ("no data", "Wrap-up time", "≤ 60 s")
        await pilot.press("u")
        await settled(pilot)
        assert goal.id not in {g.id for g in reload(db).goals}


@pilot_test
async def test_ctrl_g_sets_a_goal_in_the_session_and_delete_takes_it_out_of_the_draft(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        item = _goals_item(screen)
        item.notes_area.focus()
        await pilot.press("ctrl+g")
        await until(pilot, lambda: showing(app, NewGoalScreen))
        await pilot.press("enter")  # no title: refused, the dialog stays
        assert isinstance(app.screen, NewGoalScreen)
        await pilot.press(*"Sums up the call", "enter")
        await until(pilot, lambda: showing(app, SessionScreen))
        assert [g.title for g in screen.draft.new_goals] == ["Sums up the call"]
        (new,) = [r for r in item.rows.rows if r.kind == "new_goal"]
        assert (new.when, new.who, new.what) == ("new goal", "Sums up the call", "behaviour")
        await pilot.press("up")
        item.rows.highlighted = item.rows.get_option_index(new.key)
        await pilot.pause()
        assert not app.screen.check_action("goal_value", ())  # v: only on a goal of the person
        await pilot.press("delete")
        assert screen.draft.new_goals == ()


@pilot_test
async def test_a_goal_whose_review_date_has_come_is_listed_for_review_in_the_session(tmp_path):
    db = demo_copy(tmp_path)
    ben = person_named(reload(db), "ben")
    (due,) = [g for g in reload(db).goals if g.person_id == ben.id and g.review_on]
    assert due.review_on <= ANCHOR
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "ben")
        rows = {r.who: r for r in _goals_item(screen).rows.rows}
        assert rows[due.title].what.endswith(" · review")
        assert [r.who for r in rows.values() if r.what.endswith("review")] == [due.title]


@pilot_test
async def test_a_form_without_an_item_about_goals_lists_them_by_the_next_steps(tmp_path):
    from clihelpers import ok

    db = demo_copy(tmp_path)
    today = ANCHOR.isoformat()
    ok(db, "people", "set", "chloe", "--form", "New starter", today=today)
    ok(db, "plan", "chloe", "today 15:00", today=today)
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "chloe")
        goals = {
            i.item: [r.who for r in i.rows.rows if r.kind == "goal"]
            for i in screen.query(AgendaItem)
        }
        assert {item: who for item, who in goals.items() if who} == {
            "Agreed next steps": ["Checks the knowledge base before escalating"]
        }


@pilot_test
async def test_a_new_goal_named_as_one_the_person_has_is_refused_in_the_dialog(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        _goals_item(screen).notes_area.focus()
        await pilot.press("ctrl+g")
        await until(pilot, lambda: showing(app, NewGoalScreen))
        await pilot.press(*"csat", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NewGoalScreen)  # stays, with the reason
        error = str(app.screen.query_one("#error").render())
        assert error == "There is a goal called csat already; give this one another name."
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, SessionScreen))
        assert screen.draft.new_goals == ()


@pilot_test
async def test_a_goal_value_half_written_is_open_again_when_the_session_is_resumed(tmp_path):
    db = demo_copy(tmp_path)
    before = reload(db)
    anna = person_named(before, "anna")
    aht = next(g for g in before.goals if g.person_id == anna.id and g.title == "Handling time")
    app = demo_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, "anna")
        await _to_goal(pilot, "Handling time")
        await pilot.press("v")
        await until(pilot, lambda: showing(app, GoalValueScreen))
        await pilot.press(*"295,5")
        screen.keep_unsaved()  # what the app does as the terminal closes (SIGHUP)
        await settled(pilot)

    again = demo_app(db)
    async with again.run_test(size=(100, 30)) as pilot:
        resume = await open_session(pilot, "anna")
        assert "a goal's value half written" in resume.summary
        await pilot.press("enter")
        await until(pilot, lambda: showing(again, GoalValueScreen), what="the value, again")
        await pilot.pause()
        assert again.screen.goal.id == aht.id
        assert again.screen.query_one("#value").value == "295,5"
        await pilot.press("enter")
        await until(pilot, lambda: showing(again, SessionScreen))
        assert again.screen.draft.goal_value(aht.id).value == 295.5
        await settled(pilot)
