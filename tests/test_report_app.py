"""The report view in the app (Pilot): opened with `m` or from the palette, `[` `]` step months,
and it follows the file."""

from __future__ import annotations

import pytest
from apphelpers import (
    ANCHOR,
    demo_app,
    demo_copy,
    footer_keys,
    loaded,
    palette_first_offers,
    pilot_test,
    screen_lines,
    showing,
    type_text,
    until,
)
from textual.widgets import DataTable

from supervisor_tui.domain.clock import local_now
from supervisor_tui.domain.entities import Win
from supervisor_tui.domain.report import add_months, month_of, month_report
from supervisor_tui.store import Store
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.report import ReportScreen

NOVEMBER = month_of(ANCHOR)
OCTOBER = add_months(NOVEMBER, -1)


@pytest.fixture
def db(tmp_path):
    return demo_copy(tmp_path)


async def report_shown(pilot, month) -> ReportScreen:
    """Wait until the report view on top shows ``month``."""
    app = pilot.app
    await until(
        pilot,
        lambda: (
            isinstance(app.screen, ReportScreen)
            and app.screen.report is not None
            and app.screen.report.month == month
        ),
        what=f"the report on {month:%B %Y}",
    )
    await pilot.pause()
    return app.screen


def table_names(screen: ReportScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


@pilot_test
async def test_m_opens_this_months_report_and_brackets_step_through_months(db):
    app = demo_app(db)
    expected = month_report(Store(db).load(), NOVEMBER, ANCHOR)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(
            pilot, lambda: footer_keys(app).get("m") == "Report", what="m Report in the footer"
        )
        await pilot.press("m")
        screen = await report_shown(pilot, NOVEMBER)
        lines = screen_lines(app)
        assert lines[0].startswith(" Report · November 2026 · so far, to Fri 20 Nov")
        coached = f"{expected.coaching.coached} of {expected.coaching.people} coached"
        assert any(coached in line for line in lines), lines
        assert any(line.startswith(" Trend ") and "Nov" in line for line in lines)
        assert table_names(screen) == [row.person.name for row in expected.people]
        assert "Iiro Lehtonen" not in table_names(screen)  # archived

        await pilot.press("left_square_bracket")
        await report_shown(pilot, OCTOBER)
        assert screen_lines(app)[0].startswith(" Report · October 2026 ")
        await pilot.press("left_square_bracket", "left_square_bracket")
        await report_shown(pilot, add_months(NOVEMBER, -3))
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await report_shown(pilot, NOVEMBER)
        await pilot.press("right_square_bracket")  # no month after this one
        await pilot.pause()
        assert screen.month == NOVEMBER
        await until(
            pilot,
            lambda: footer_keys(app).get("left_square_bracket") == "Month before",
            what="[ Month before in the footer",
        )

        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen), what="DayScreen")


@pilot_test
async def test_the_palette_opens_the_report(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await palette_first_offers(pilot, "Monthly report")
        await pilot.press("enter")
        await report_shown(pilot, NOVEMBER)


@pilot_test
async def test_the_report_follows_a_win_captured_elsewhere(db):
    app = demo_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("m")
        screen = await report_shown(pilot, NOVEMBER)
        before = screen.report.wins.captured
        records = Store(db).load()
        anna = next(p for p in records.people if p.handle == "anna")
        with Store(db).transaction() as txn:  # as `sup win anna …` in another terminal
            txn.add(Win(0, anna.id, "from another terminal", ANCHOR, local_now(ANCHOR)))
        app.load_records()
        await until(
            pilot,
            lambda: screen.report.wins.captured == before + 1,
            what="the new win counted",
        )
        assert any(f"{before + 1} captured" in line for line in screen_lines(app))


@pilot_test
async def test_the_report_opened_at_once_waits_for_the_history_then_shows_the_month(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReportScreen())  # before the file is read
        await pilot.pause()
        assert screen_lines(app)[0].startswith(" Reading the history…") or app.records_complete
        screen = await report_shown(pilot, NOVEMBER)
        assert app.records_complete
        assert screen.report == month_report(app.records, NOVEMBER, ANCHOR)


@pilot_test
async def test_a_name_with_markup_and_an_escape_sequence_shows_as_typed(db):
    from clihelpers import plant_person

    plant_person(db, "Mallory [b]x[/b] \x1b[31mred", "mallory")
    app = demo_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("m")
        screen = await report_shown(pilot, NOVEMBER)
        assert "Mallory [b]x[/b] ␛[31mred" in table_names(screen)
        assert any("Mallory [b]x[/b]" in line for line in screen_lines(app))


@pilot_test
async def test_question_mark_in_the_report_lists_its_keys(db):
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("m")
        await report_shown(pilot, NOVEMBER)
        await pilot.press("question_mark")
        text = str(app.screen.query_one("Static").content)
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert "[ Month before report-previous" in lines
        assert "] Month after report-next" in lines
        assert "m Report report" in lines


@pilot_test
async def test_the_report_and_a_search_never_write_the_whole_history_out_as_text(db, monkeypatch):
    # Textual describes a worker by the repr of its arguments unless told otherwise: at
    # 100k records, writing them out held the screen for a second at every key.
    from supervisor_tui.domain.entities import Records
    from supervisor_tui.tui.screens.search import SearchScreen

    written_out = []
    monkeypatch.setattr(Records, "__repr__", lambda self: written_out.append(1) or "Records")
    app = demo_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: app.records_complete, what="the whole history")
        await pilot.press("m")
        await report_shown(pilot, NOVEMBER)
        await pilot.press("escape")
        await until(pilot, lambda: showing(app, DayScreen), what="DayScreen")
        await pilot.press("slash")
        await until(pilot, lambda: showing(app, SearchScreen), what="the search")
        await type_text(pilot, "abusive")
        await until(pilot, lambda: app.screen.shown_for == "abusive", what="the results")
    assert written_out == []


@pilot_test
async def test_the_report_opened_again_reuses_its_month_index_until_the_records_change(
    db, monkeypatch
):
    # At 100k records the index takes a tenth of a second to build: once per snapshot.
    import supervisor_tui.domain.report as report_module

    built = []
    real_init = report_module.ReportIndex.__init__
    monkeypatch.setattr(
        report_module.ReportIndex,
        "__init__",
        lambda self, records: built.append(1) or real_init(self, records),
    )
    app = demo_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: app.records_complete, what="the whole history")
        for _ in range(2):
            await pilot.press("m")
            screen = await report_shown(pilot, NOVEMBER)
            await pilot.press("escape")
            await until(pilot, lambda: showing(app, DayScreen), what="DayScreen")
        assert built == [1]
        before = screen.report.wins.captured
        anna = next(p for p in Store(db).load().people if p.handle == "anna")
        Store(db).add(Win(0, anna.id, "from another terminal", ANCHOR, local_now(ANCHOR)))
        app.load_records()
        await until(pilot, lambda: app.records_complete, what="the records read again")
        await until(
            pilot,
            lambda: any(w.text == "from another terminal" for w in app.records.wins),
            what="the new win read",
        )
        await pilot.press("m")
        screen = await report_shown(pilot, NOVEMBER)
        assert screen.report.wins.captured == before + 1
        assert built == [1, 1]
