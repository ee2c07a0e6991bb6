"""The open TUI while the shell captures in a burst.

Runs the real app headless (Textual's Pilot) on a database while 5 shell
processes capture 100 wins each and another holds 8 sessions (`sup held`), all
at once, as a lead's scripts or a second terminal might. Meanwhile the app is
used as a person does, and this measures, in the app's own process:

- **key**: ↓ or ↑ every 150 ms, from the key until the cursor has moved (the
  median and the slowest);
- **save**: a follow-up marked done with `d` every second, from the key until the
  write is done and read back (the slowest);
- **all shown**: from the moment the last shell process exits until the app holds
  every one of the 500 wins.

    python -m supervisor_tui.dev.bench.burst DB
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

from textual import events

from .tui_keys import until

WRITERS = 5
CAPTURES = 100
HELD = 8
KEY_EVERY = 0.15
SAVE_EVERY = 1.0
SUP = Path(sys.executable).with_name("sup")


def _shell(db: Path, handles: list[str]) -> list[subprocess.Popen]:
    """Start the burst: each writer a shell loop of `sup win`, and one of `sup held`."""
    base = f"{SUP} --db {db}"
    loops = []
    for w in range(WRITERS):
        lines = [
            f"{base} win {handles[(w + n) % len(handles)]} 'burst {w}-{n}' || exit 1"
            for n in range(CAPTURES)
        ]
        loops.append("\n".join(lines))
    held = [f"{base} held {handle} --no-next || exit 1" for handle in handles[:HELD]]
    loops.append("\n".join(held))
    return [
        subprocess.Popen(["sh", "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for script in loops
    ]


async def _measure(db: Path) -> dict[str, float]:
    from ...store.config import Config
    from ...tui.app import make_app
    from ...tui.widgets.sectioned_list import SectionedList

    app = make_app(db, config=Config())  # the real poll interval
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: app.records_complete)
        await pilot.pause()
        day = app.screen
        rows = day.query_one(SectionedList)
        handles = [p.handle for p in app.records.active_people()]
        procs = _shell(db, handles)
        keys: list[float] = []
        saves: list[float] = []
        next_save = time.perf_counter() + SAVE_EVERY
        direction = "down"
        while any(p.poll() is None for p in procs):
            if time.perf_counter() >= next_save and app.screen is day:
                next_save = time.perf_counter() + SAVE_EVERY
                open_follow_ups = {r.key for r in rows.rows if r.kind == "follow_up"}
                target = next(
                    (
                        i
                        for i in range(rows.option_count)
                        if rows.get_option_at_index(i).id in open_follow_ups
                    ),
                    None,
                )
                if target is not None:
                    rows.highlighted = target
                    await pilot.pause()
                    start, submitted = time.perf_counter(), app.writer.submitted
                    app.post_message(events.Key("d", "d"))
                    try:  # a reload may have moved the cursor off it: then try again later
                        await until(lambda s=submitted: app.writer.submitted > s, timeout=1.0)
                    except TimeoutError:
                        continue
                    await until(lambda: not app.writer.busy)
                    saves.append((time.perf_counter() - start) * 1000)
            before = rows.highlighted
            options = range(rows.option_count)
            enabled = [i for i in options if not rows.get_option_at_index(i).disabled]
            if before in (enabled[0], enabled[-1]):  # at an end (the last follow-up done)
                direction = "down" if before == enabled[0] else "up"
            app.post_message(events.Key(direction, None))
            keys.append(await until(lambda b=before: rows.highlighted != b))
            direction = "up" if direction == "down" else "down"
            await asyncio.sleep(KEY_EVERY)
        ended = time.perf_counter()
        for proc in procs:
            if proc.returncode != 0:
                sys.exit(f"a shell writer failed: {proc.stderr.read().decode()}")

        def all_shown() -> bool:
            records = app.records
            return (
                records is not None
                and sum(w.text.startswith("burst ") for w in records.wins) == WRITERS * CAPTURES
            )

        await until(all_shown)
        figures["burst: all shown after"] = (time.perf_counter() - ended) * 1000
        figures["burst: key median"] = statistics.median(keys)
        figures["burst: key slowest"] = max(keys)
        figures["burst: save slowest"] = max(saves) if saves else float("nan")
        figures["burst: saves"] = len(saves)
    return figures


def main() -> None:
    """Print the figures for the database named on the command line."""
    figures = asyncio.run(_measure(Path(sys.argv[1])))
    for name, ms in figures.items():
        print(f"{name}\t{ms:.1f}")


if __name__ == "__main__":
    main()
