"""`sup forget` from another terminal while the TUI has that person's session open.

The TUI must drop the forgotten person's screens (and any dialog over them) and never
write their draft again: a canary typed into the session notes is in no file of the
data folder afterwards, whether the TUI noticed the forget first or tried to save first.
"""

from __future__ import annotations

from apphelpers import (
    demo_app,
    demo_copy,
    open_session,
    pilot_test,
    settled,
    showing,
    sup,
    told,
    until,
)
from storehelpers import holding
from textual.widgets import TextArea

from supervisor_tui.tui.dialogs.agreement import AgreementScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.session import SAVE_DELAY, SessionScreen

WORD = "CANARY7"


async def _typed_and_kept(pilot, app, db) -> None:
    """Type the canary into the first agenda item's notes and wait for the draft on disk."""
    await pilot.press("tab")
    assert isinstance(app.focused, TextArea)
    await pilot.press(*f"{WORD} private notes")
    await until(pilot, lambda: holding(db.parent, WORD), timeout=SAVE_DELAY + 3, what="draft")
    await settled(pilot)
    assert holding(db.parent, WORD) == [f"{db.name}.drafts/session-{_anna(app)}.json"]


def _anna(app) -> int:
    return next(p.id for p in app.records.people if p.handle == "anna")


@pilot_test
async def test_a_draft_saved_after_the_forget_is_refused_and_the_view_closes(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db)  # the poll is quiet: the app does not notice the forget by itself
    async with app.run_test(size=(100, 30)) as pilot:
        await open_session(pilot, "anna")
        await _typed_and_kept(pilot, app, db)

        await sup(db, "forget", "anna", "--yes")
        assert holding(db.parent, WORD) == []
        await pilot.press(*" and more")  # the view saves the draft again once typing stops

        await until(pilot, lambda: showing(app, DayScreen), what="the view closed")
        await settled(pilot)
        assert holding(db.parent, WORD) == []
        assert "anna" not in [p.handle for p in app.records.people]
        assert any("is no longer in the file" in t.message for t in told(app))
    assert holding(db.parent, WORD) == []


@pilot_test
async def test_the_tui_closes_every_screen_about_a_person_forgotten_elsewhere(tmp_path):
    db = demo_copy(tmp_path)
    app = demo_app(db, poll_seconds=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_session(pilot, "anna")
        await _typed_and_kept(pilot, app, db)
        await pilot.press(*" unsaved")  # a draft change waiting for its save …
        await pilot.press("ctrl+n")  # … and a dialog about her open over the view
        await until(pilot, lambda: showing(app, AgreementScreen))
        await pilot.press(*f"{WORD} agreed")

        await sup(db, "forget", "anna", "--yes")
        await until(pilot, lambda: showing(app, DayScreen), what="back to the day")
        assert not [s for s in app.screen_stack if isinstance(s, SessionScreen | AgreementScreen)]
        await pilot.pause(SAVE_DELAY + 0.2)  # the save that was due never happens
        await settled(pilot)
        assert holding(db.parent, WORD) == []
    assert holding(db.parent, WORD) == []  # nor when the app closes
