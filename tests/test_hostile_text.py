"""Every screen and dialog of the TUI with hostile names and texts.

A person whose name holds every trap at once (``Joe [Team B] [/b]
[@click=app.quit]Mallory[/]`` then ESC and bidi controls), and one with a
300-character name, each with a win, a suggestion, a follow-up, a held and a
planned session, a kept draft and a coaching form whose agenda items look like
markup. The walk goes through the day view, the palette, every row dialog, the
session view and its dialogs, the person view, the capture bar, the help screen
and the notifications, and asserts on each: the app is still running, no markup
was read (nothing painted links to an action, no bracket went missing), no control
character reached the terminal, and the name reads as it was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from apphelpers import (
    ANCHOR,
    clickable,
    demo_app,
    demo_copy,
    drawn,
    highlight,
    loaded,
    pilot_test,
    screen_lines,
    settled,
    showing,
    until,
)
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Markdown, Static

from supervisor_tui.actions import drafts
from supervisor_tui.domain.drafts import SessionDraft
from supervisor_tui.domain.entities import (
    HELD,
    Agreement,
    Form,
    Person,
    Session,
    Suggestion,
    Win,
)
from supervisor_tui.domain.textsafe import visible
from supervisor_tui.store import Store
from supervisor_tui.store.config import Config
from supervisor_tui.tui.dialogs.acknowledge import AcknowledgeScreen
from supervisor_tui.tui.dialogs.agreement import AgreementScreen
from supervisor_tui.tui.dialogs.answer import AnswerScreen
from supervisor_tui.tui.dialogs.capture import CaptureScreen
from supervisor_tui.tui.dialogs.carry import CarryOverScreen
from supervisor_tui.tui.dialogs.help import HelpScreen
from supervisor_tui.tui.dialogs.hold import HoldScreen
from supervisor_tui.tui.dialogs.leave import LeaveScreen
from supervisor_tui.tui.dialogs.person import ArchiveScreen, PersonFormScreen
from supervisor_tui.tui.dialogs.plan import PlanScreen
from supervisor_tui.tui.dialogs.resume import ResumeScreen
from supervisor_tui.tui.screens.day import DayScreen
from supervisor_tui.tui.screens.person import PersonScreen
from supervisor_tui.tui.screens.record import SessionRecordScreen
from supervisor_tui.tui.screens.session import SessionScreen
from supervisor_tui.tui.widgets.agenda import AgendaItem
from supervisor_tui.tui.widgets.sectioned_list import SectionedList

HELSINKI = ZoneInfo("Europe/Helsinki")
LONG = ("Wolfeschlegelsteinhausenbergerdorff " * 9)[:300]
# Every trap in one name (the walk through every screen is long, so it is walked
# twice, not once per trap): brackets and a stray closing tag early enough to be in
# every check of the name as shown, then an action link, then terminal controls
# (an OSC 52 clipboard write, a clear screen, a right-to-left override).
NAMES = {
    "every trap at once": "Joe [Team B] [/b] [@click=app.quit]Mallory[/] "
    "\x1b]52;c;aGk=\x07\x1b[2J \u202eSmith",
    "300 characters": LONG,
}
TEXT = "[@click=app.quit]calmed[/] a caller [/b] [red]\x1b[31m\u202elater"
FORM = "[b]Hostile[/b] form"
ITEMS = ("[@click=app.quit]Since last time[/]", "Wins [/b]", "\x1b[2JWhat I need", "Next [Team B]")
RAW_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
AT = dt.datetime.combine(ANCHOR, dt.time(9, 0), HELSINKI)


@pytest.fixture(params=NAMES.values(), ids=NAMES.keys())
def hostile(request, tmp_path):
    """The demo team and one hostile person with something in every list."""
    db = demo_copy(tmp_path)
    store = Store(db)
    store.add_form(Form(FORM, 1, ITEMS))
    with store.transaction() as txn:
        started = ANCHOR - dt.timedelta(days=400)
        pid = txn.add(Person(0, request.param, "zed", started, form=FORM)).id
        ids = {
            "win": txn.add(Win(0, pid, TEXT, ANCHOR - dt.timedelta(days=3), AT)).id,
            "idea": txn.add(Suggestion(0, pid, TEXT, ANCHOR - dt.timedelta(days=9), AT)).id,
            "todo": txn.add(Agreement(0, pid, TEXT, AT, follow_up_on=ANCHOR)).id,
            "planned": txn.add(Session(0, pid, planned_for=AT.replace(hour=16))).id,
        }
        txn.add(
            Session(
                0, pid, HELD, AT - dt.timedelta(days=28), ANCHOR - dt.timedelta(days=28), 0,
                FORM, 1, ((ITEMS[-1], TEXT),),
            )
        )  # fmt: skip
    form = Form(FORM, 1, ITEMS)
    drafts.keep(store, SessionDraft.start(pid, form).with_note(ITEMS[1], TEXT))
    return db, request.param, ids


def painted(app) -> list[str]:
    """The screen on top as the terminal shows it."""
    return screen_lines(app)


def assert_safe(app, name: str, *, shown: int = 0) -> None:
    """Nothing crashed, nothing painted was read as markup or is a control character,
    and (with ``shown``) the first ``shown`` characters of the name read as typed."""
    assert app.is_running and app.return_code is None
    lines = painted(app)
    for line in lines:
        assert not RAW_CONTROL.search(line), repr(line)
    for text, action in clickable(app):
        assert "quit" not in action, (text, action)
    if shown:
        prefix = visible(name)[:shown]
        assert any(prefix in line for line in lines), (prefix, "\n".join(lines))


async def open_dialog(pilot, key: str, kind: type):
    await pilot.press(key)
    await until(pilot, lambda: showing(pilot.app, kind), what=kind.__name__)
    await pilot.pause()
    return pilot.app.screen


def assert_title(dialog, expected: str) -> None:
    """The title on the dialog's top border reads ``expected``, as drawn: in full, or its
    start cut with … where it is wider than the dialog ("╭─ Thank Ann ───╮")."""
    top = drawn(dialog.app, dialog.query_one("#box"), border=True).splitlines()[0]
    title = top.strip("╭╮").strip("─").strip()
    if title.endswith("…") and title != expected:
        assert len(title) > 20 and expected.startswith(title[:-1]), (title, expected)
    else:
        assert title == expected, (title, expected)


async def close(pilot, back_to: type) -> None:
    await pilot.press("escape")
    await until(pilot, lambda: showing(pilot.app, back_to), what=back_to.__name__)


@pilot_test
async def test_every_screen_and_dialog_shows_a_hostile_name_and_text_as_typed(hostile):
    db, name, ids = hostile
    shown = visible(name)
    keys = {"acknowledge": "a,[/b]", "plan": "p,[@click=app.quit]"}  # the settings file's text
    app = demo_app(db, config=Config(keys=keys))
    # Notifications and tooltips drawn as a terminal would show them (Pilot leaves them out).
    async with app.run_test(size=(80, 24), notifications=True, tooltips=True) as pilot:
        await loaded(pilot)
        zed = next(p for p in app.records.people if p.handle == "zed")
        assert zed.name == name  # stored exactly as typed

        # The day view: the name column holds the first 15 characters.
        await highlight(pilot, f"win-{ids['win']}")
        assert_safe(app, name, shown=min(15, len(shown.rstrip())))

        # The command palette: every person, and the highlighted row's person.
        await pilot.press("ctrl+p")
        await until(pilot, lambda: showing(app, CommandPalette), what="the palette")
        await pilot.press(*"Open")
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count > 2, what="the palette's hits")
        await pilot.pause()
        titles = [
            str(commands.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(commands.option_count)
        ]
        assert f"Open {shown}" in titles, titles
        assert_safe(app, name, shown=min(20, len(shown)))
        await close(pilot, DayScreen)

        # Thank: the win's dialog.
        dialog = await open_dialog(pilot, "a", AcknowledgeScreen)
        assert_title(dialog, f"Thank {shown}")
        assert str(dialog.query_one(".about", Static).render()).startswith(visible(TEXT)[:40])
        assert_safe(app, name, shown=min(20, len(shown)))
        await close(pilot, DayScreen)

        # Answer: the suggestion's dialog.
        await highlight(pilot, f"suggestion-{ids['idea']}")
        dialog = await open_dialog(pilot, "r", AnswerScreen)
        assert_title(dialog, f"Answer {shown}")
        assert_safe(app, name, shown=min(20, len(shown)))
        await close(pilot, DayScreen)

        # Plan: the person's next 1:1.
        dialog = await open_dialog(pilot, "p", PlanScreen)
        assert_title(dialog, f"Plan {shown}'s 1:1")
        assert_safe(app, name, shown=min(20, len(shown)))
        await close(pilot, DayScreen)

        # The session view, through the kept draft's dialog.
        await highlight(pilot, f"session-{ids['planned']}")
        dialog = await open_dialog(pilot, "h", ResumeScreen)
        assert_title(dialog, f"{shown}: a draft is kept")
        assert_safe(app, name, shown=min(20, len(shown)))
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, SessionScreen) and app.screen.ready)
        session = app.screen
        title = str(session.query_one("#session-title", Static).render())
        assert title.startswith(shown[:60]) and f"{visible(FORM)} v1" in title
        agenda = session.query(AgendaItem)
        items = [str(w.query_one(".agenda-title", Static).render()) for w in agenda]
        assert items == [f"{n}. {visible(item)}" for n, item in enumerate(ITEMS, 1)]
        empty = next(w for w in session.query(AgendaItem) if not w.notes_area.text)
        assert str(empty.notes_area.placeholder) == f"Notes: {visible(empty.item)}"
        assert_safe(app, name, shown=min(20, len(shown)))

        dialog = await open_dialog(pilot, "ctrl+n", AgreementScreen)
        owner = str(dialog.query_one("#owner").get_option_at_index(0).prompt)
        assert owner == f"{visible(name.split()[0])} will"
        assert_safe(app, name)
        await close(pilot, SessionScreen)

        first = session.query(AgendaItem).first()
        assert first.focus_rows()  # last time's agreement, to carry over
        await pilot.pause()
        dialog = await open_dialog(pilot, "o", CarryOverScreen)
        assert str(dialog.query_one(".about", Static).render()).startswith(visible(TEXT)[:40])
        assert_safe(app, name)
        await close(pilot, SessionScreen)

        dialog = await open_dialog(pilot, "ctrl+s", HoldScreen)
        assert_title(dialog, f"Hold {shown}'s session today")
        assert_safe(app, name, shown=min(20, len(shown)))
        await close(pilot, SessionScreen)
        await pilot.press("escape")  # leave; the draft is kept
        await until(pilot, lambda: showing(app, DayScreen), what="the day view")

        # The person view, and the capture bar it fills in.
        await highlight(pilot, f"win-{ids['win']}")
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, PersonScreen), what="the person view")
        await pilot.pause()
        summary = str(app.screen.query_one("#summary", Static).render())
        assert summary.startswith(shown[:60])
        assert_safe(app, name, shown=min(20, len(shown)))
        bar = await open_dialog(pilot, "w", CaptureScreen)
        assert bar.query_one(Input).value == "win @zed "
        assert_safe(app, name)
        await close(pilot, PersonScreen)

        # The record of their held 1:1, and the dialogs of the person themselves.
        await until(pilot, lambda: app.records_complete, what="the whole history")
        rows = app.screen.query_one(SectionedList)
        held = next(r for r in rows.rows if r.kind == "held_session")
        await highlight(pilot, held.key)
        await pilot.press("enter")
        await until(pilot, lambda: showing(app, SessionRecordScreen), what="record")
        await until(pilot, lambda: app.screen.query_one(Markdown).source != "")
        await pilot.pause()
        assert "Next [Team B]" in "\n".join(painted(app))  # the agenda item, literally
        assert_safe(app, name, shown=min(20, len(shown)))
        await close(pilot, PersonScreen)
        for key, kind, title in (
            ("E", PersonFormScreen, f"Edit {shown}"),
            ("L", LeaveScreen, f"{shown}: leave"),
            ("A", ArchiveScreen, f"Archive {shown}?"),
        ):
            dialog = await open_dialog(pilot, key, kind)
            assert_title(dialog, title)
            assert_safe(app, name)
            await close(pilot, PersonScreen)
        await close(pilot, DayScreen)

        # The help screen lists the keys as the settings file spells them.
        help_screen = await open_dialog(pilot, "question_mark", HelpScreen)
        listing = str(help_screen.query_one(Static).render())
        assert "a [/b]" in listing and "p [@click=app.quit]" in listing
        assert_safe(app, name)
        await close(pilot, DayScreen)

        # A notification that words the name: thanking for the win.
        await highlight(pilot, f"win-{ids['win']}")
        await open_dialog(pilot, "a", AcknowledgeScreen)
        await pilot.press("enter")
        await settled(pilot)
        await until(pilot, lambda: app.screen.query("Toast"), what="the notification")
        toasts = [str(t.render()) for t in app.screen.query("Toast")]
        assert any(shown[:40] in t for t in toasts), toasts
        assert_safe(app, name)
    assert app.return_code is None  # nothing quit the app
