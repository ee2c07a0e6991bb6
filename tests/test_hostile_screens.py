"""The screens added after the first hostile walk, with the same hostile names and texts.

The weeks ahead, the monthly report and a goal set from the person view, for a
person called ``[@click=app.quit]Mallory[/]``, ``Ann [/b] Smith`` and the rest of
`test_hostile_text`'s names: each screen survives them, reads nothing as markup,
sends no control character to the terminal and shows the name as typed.
"""

from __future__ import annotations

from apphelpers import demo_app, highlight, listed_rows, loaded, pilot_test, reload, showing, until
from test_hostile_text import (
    assert_safe,
    close,
    hostile,  # noqa: F401 (the fixture)
    open_dialog,
)

from supervisor_tui.domain.textsafe import visible
from supervisor_tui.tui.dialogs.goal import NewGoalScreen
from supervisor_tui.tui.dialogs.plan import PlanScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.screens.planning import PlanningScreen
from supervisor_tui.tui.screens.report import ReportScreen


@pilot_test
async def test_weeks_ahead_the_report_and_a_new_goal_show_a_hostile_name_as_typed(hostile):  # noqa: F811
    db, name, ids = hostile
    shown = visible(name)
    app = demo_app(db)
    async with app.run_test(size=(120, 40), notifications=True, tooltips=True) as pilot:
        await loaded(pilot)

        # Weeks ahead: the person's row, and the plan dialog over it.
        await pilot.press("W")
        await until(pilot, lambda: showing(app, PlanningScreen), what="weeks ahead")
        await pilot.pause()
        zed = next(r for r in listed_rows(app) if r.person_id == _zed(app))
        await highlight(pilot, zed.key)
        assert_safe(app, name, shown=min(15, len(shown.rstrip())))
        await open_dialog(pilot, "p", PlanScreen)
        assert_safe(app, name, shown=min(20, len(shown)))
        await close(pilot, PlanningScreen)
        await close(pilot, DayScreen)

        # The monthly report: the team's table names everyone.
        await pilot.press("m")
        await until(
            pilot,
            lambda: getattr(app.screen, "report", None) is not None,
            what="the month's figures",
        )
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert_safe(app, name, shown=min(12, len(shown.rstrip())))
        await close(pilot, DayScreen)

        # A goal with a hostile title, set from the person view.
        await highlight(pilot, f"win-{ids['win']}")
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonScreen), what="the person view")
        await open_dialog(pilot, "G", NewGoalScreen)
        assert_safe(app, name)
        await pilot.press(*"[b]Calm[/b] [@click=app.quit]x[/]")
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonScreen), what="the goal saved")
        await until(pilot, lambda: not app.writer.busy, what="the write")
        await until(
            pilot,
            lambda: any("[b]Calm[/b]" in r.who for r in listed_rows(app)),
            what="the goal's row",
        )
        assert_safe(app, name, shown=min(20, len(shown)))
    assert app.return_code is None  # nothing quit the app
    goals = [g for g in reload(db).goals if g.title.startswith("[b]Calm")]
    assert [g.title for g in goals] == ["[b]Calm[/b] [@click=app.quit]x[/]"]


def _zed(app) -> int:
    return next(p.id for p in app.records.people if p.handle == "zed")
