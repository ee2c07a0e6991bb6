"""`make bench`: median wall time and peak memory of the commands a lead runs most.

Generates (once) databases of 1k, 10k and 100k records under .bench/, then runs
each command as a real process, the way a shell would, and prints the median
milliseconds and the peak resident memory. Every capture is timed against a
database that already holds everything the earlier ones wrote.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from ..processes import running_in

SIZES = (1_000, 10_000, 100_000)
RUNS = 41
ROOT = Path(".bench")
SUP = Path(sys.executable).with_name("sup")


def _run(args: list[str]) -> tuple[float, int]:
    """Run one command; its wall time in ms and its peak memory in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def _measure(args_for_run, runs: int = RUNS) -> tuple[float, float, int]:
    """Median ms, fastest ms (what the code costs when the machine lets it), peak MB."""
    _run(args_for_run(-1))  # warm-up: page cache, and the journal set up after a copy
    results = [_run(args_for_run(i)) for i in range(runs)]
    times = [t for t, _ in results]
    return statistics.median(times), min(times), max(m for _, m in results)


TUI_RUNS = 15


def _pane(session: str) -> str:
    return subprocess.run(
        ["tmux", "-L", session, "capture-pane", "-p", "-t", session],
        capture_output=True,
        text=True,
    ).stdout


def _stop_pane(tmux: list[str], session: str) -> None:
    """End what runs in the pane (the previous run's app) and wait until it has gone: a
    closed terminal gives the app time to save and close, and a run timed meanwhile
    would share the CPU with it."""
    pid = int(
        subprocess.run(
            [*tmux, "display", "-p", "-t", session, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    while running_in(pid):
        time.sleep(0.01)


def tui_startup(db: Path) -> tuple[float, float, float, float]:
    """Median and fastest ms until the TUI's first frame, and until the day view's rows show.

    In a real terminal (tmux, 120x40): the first frame has the footer (its "? Keys"); rows are
    a section title with its count, which only appears once the records are loaded.
    """
    session = f"sup-bench-{os.getpid()}-{time.monotonic_ns()}"
    tmux = ["tmux", "-L", session]
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "120", "-y", "40", "-s", session, "sleep 600"],
        check=True,
    )
    # The pane stays when what runs in it is ended, to be started again.
    subprocess.run([*tmux, "set-option", "-t", session, "remain-on-exit", "on"], check=True)
    firsts, rows = [], []
    try:
        for _ in range(TUI_RUNS + 1):
            _stop_pane(tmux, session)
            start = time.perf_counter()
            subprocess.run(
                [*tmux, "respawn-pane", "-k", "-t", session, f"{SUP} --db {db}"], check=True
            )
            first = None
            deadline = start + 20
            while time.perf_counter() < deadline:
                screen = _pane(session)
                now = (time.perf_counter() - start) * 1000
                if first is None and "? Keys" in screen:
                    first = now
                if "Due for coaching (" in screen:
                    firsts.append(first if first is not None else now)
                    rows.append(now)
                    break
            else:
                sys.exit(f"the TUI did not show the day view within 20 s:\n{_pane(session)}")
        # The first run warms the page cache; like the other commands, it is not counted.
        return (
            statistics.median(firsts[1:]),
            min(firsts[1:]),
            statistics.median(rows[1:]),
            min(rows[1:]),
        )
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def tui_keys(db: Path) -> dict[str, float]:
    """The TUI's answer to keys (see tui_keys.py), in a process of its own."""
    found = subprocess.run(
        [sys.executable, "-m", "supervisor_tui.dev.bench.tui_keys", str(db)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    labels = {
        "memory at start MB": "tui MB at start",
        "memory after 50 actions MB": "tui MB, 50 acts",
        "memory after 150 actions MB": "tui MB, 150 acts",
        "notes key": "tui notes key",  # CPU ms per key typed in a session's notes
        "ack to row gone": "tui ack → gone",  # Enter in the dialog until the row left
        "person view open": "tui person open",  # Enter on a row until the timeline shows
        "down during a write": "tui ↓ in write",  # ↓ while a write runs, until it moved
    }
    figures = dict(line.split("\t") for line in found.splitlines())
    return {labels[name]: float(ms) for name, ms in figures.items()}


def tui_burst(size: int) -> dict[str, float]:
    """The open TUI while 5 shell loops capture 100 wins each and 8 sessions are held
    (see burst.py), on a fresh copy, in a process of its own."""
    db = ROOT / "work" / "burst.json"
    for old in db.parent.glob(db.name + "*"):
        old.unlink()
    shutil.copyfile(ROOT / f"gen-{size}.json", db)
    os.sync()
    done = subprocess.run(
        [sys.executable, "-m", "supervisor_tui.dev.bench.burst", str(db)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"the burst failed:\n{done.stderr}")
    found = done.stdout
    labels = {
        "burst: key median": "burst: key med",  # ↓/↑ every 150 ms until the cursor moved
        "burst: key slowest": "burst: key max",
        "burst: save slowest": "burst: save max",  # d on a follow-up until written
        "burst: all shown after": "burst: all shown",  # after the last shell process ended
    }
    figures = dict(line.split("\t") for line in found.splitlines())
    return {label: float(figures[name]) for name, label in labels.items()}


TASK = shutil.which("task")


def taskwarrior(size: int) -> list[str]:
    """`task` with a data folder of ``size`` tasks (a few pending, the rest done), as args.

    Written straight in taskwarrior 2.x's own file format, which is much faster than
    importing them one by one; the side-by-side figures need the same sizes as ours.
    """
    folder = ROOT / f"task-{size}"
    rc = folder / "taskrc"
    if not rc.exists():
        folder.mkdir(parents=True, exist_ok=True)
        pending, done = [], []
        for i in range(size):
            entry = 1_700_000_000 + i * 60
            fields = f'description:"benchmark task {i} customer billing case" entry:"{entry}"'
            uuid = f"{i:08x}-0000-4000-8000-000000000000"
            if i < 40:
                pending.append(f'[{fields} status:"pending" uuid:"{uuid}"]\n')
            else:
                end = f'end:"{entry + 30}" modified:"{entry + 30}"'
                done.append(f'[{fields} {end} status:"completed" uuid:"{uuid}"]\n')
        (folder / "pending.data").write_text("".join(pending))
        (folder / "completed.data").write_text("".join(done))
        rc.write_text(
            f"data.location={folder.resolve()}\nconfirmation=off\nverbose=nothing\n"
            "hooks=off\nnews.version=2.6.2\n"
        )
    return [TASK, f"rc:{rc}"]


def _measure_pair(a, b, runs: int = RUNS) -> tuple[float, float, float]:
    """Median ms of ``a`` and of ``b``, run in turn (a b a b …), and the median ratio a/b."""
    _run(a(-1))
    _run(b(-1))
    pairs = [(_run(a(i))[0], _run(b(i))[0]) for i in range(runs)]
    return (
        statistics.median(x for x, _ in pairs),
        statistics.median(y for _, y in pairs),
        statistics.median(x / y for x, y in pairs),
    )


def database(size: int) -> Path:
    """A fresh working copy of the generated database of ``size`` records."""
    source = ROOT / f"gen-{size}.json"
    if not source.exists():
        ROOT.mkdir(exist_ok=True)
        # In a child process: a forked child's peak memory counts the parent's pages,
        # so this process must stay small for the figures to mean anything.
        module = "supervisor_tui.dev.bench.generate"
        subprocess.run([sys.executable, "-m", module, str(size), str(source)], check=True)
    work = ROOT / "work" / f"db-{size}.json"
    shutil.rmtree(work.parent, ignore_errors=True)
    work.parent.mkdir(parents=True)
    shutil.copyfile(source, work)
    # Write the copy out now: otherwise the first captures' fsync waits for 24 MB of
    # someone else's writeback (ext4 commits them together) and looks slower than it is.
    os.sync()
    return work


def plan_source(size: int) -> Path:
    """The generated database of ``size`` records, as a lead's file is after any write:
    with its journal and its open view beside it."""
    source = ROOT / "work" / f"plan-source-{size}.json"
    if not source.exists():
        shutil.copyfile(ROOT / f"gen-{size}.json", source)
        subprocess.run(
            [str(SUP), "--db", str(source), "people", "add", "Bench Extra", "--handle", "extra"],
            check=True,
            capture_output=True,
        )
    return source


def _same_file(source: Path, target: Path) -> None:
    """``target`` as ``source`` is, down to its identity (a hard link: same inode, size
    and time, so the open view beside it still describes it); a write replaces the link
    and leaves ``source`` as it was."""
    for path in target.parent.glob(target.name + "*"):
        path.unlink()
    os.link(source, target)
    for suffix in (".journal", ".open"):
        beside = source.with_name(source.name + suffix)
        if beside.exists():
            shutil.copyfile(beside, target.with_name(target.name + suffix))


def _then(setup, args: list[str]) -> list[str]:
    """``args``, once ``setup()`` has run (untimed: it runs before the command starts)."""
    setup()
    return args


def _nearly_full_journal(db: Path) -> None:
    """Fill the journal beside ``db`` to just under the size that has it folded."""
    from ...store import Store
    from ...store.store import FOLD_AT_BYTES

    store = Store(db)
    with store.transaction():
        pass  # fold what is there: the journal starts afresh
    person = next(p for p in store.people() if not p.archived)
    saved, _ = store.add(_win(person.id, "the first of many"))
    lines, size = [], store.journal_path.stat().st_size
    import orjson

    from ...store import codec

    for n in range(1, 1_000_000):
        doc = codec.to_doc(dataclasses.replace(saved, id=saved.id + n, text=f"capture {n}"))
        line = orjson.dumps({"table": "wins", "id": saved.id + n, "doc": doc}) + b"\n"
        if size + len(line) > FOLD_AT_BYTES - 2_000:
            break
        lines.append(line)
        size += len(line)
    with open(store.journal_path, "ab") as fh:
        fh.write(b"".join(lines))
        os.fsync(fh.fileno())


def _win(person_id: int, text: str):
    import datetime as dt

    from ...domain.entities import Win

    now = dt.datetime.now().astimezone()
    return Win(0, person_id, text, now.date(), now)


def captures_around_a_fold(db: Path, count: int = 300) -> tuple[float, float]:
    """Median and slowest ms of ``count`` captures in a row that fill the journal on
    the way: one of them starts the fold, the rest run while it works."""
    _nearly_full_journal(db)
    base = [str(SUP), "--db", str(db), "win", "anna"]
    times = [_run([*base, f"around the fold {i}"])[0] for i in range(count)]
    return statistics.median(times), max(times)


def main() -> None:
    """Print the benchmark table."""
    # An installed package has bytecode; a checkout may not (PYTHONDONTWRITEBYTECODE).
    import compileall

    import supervisor_tui

    compileall.compile_dir(Path(supervisor_tui.__file__).parent, quiet=1)
    print(f"{'command':<16}{'records':>9}{'median ms':>11}{'min ms':>9}{'peak MB':>9}")
    if TASK:
        print(
            "side by side, run in turn: ours : taskwarrior, records, our median ms, theirs, ratio"
        )
    else:
        print("(taskwarrior is not installed: no side-by-side figures; `make bench` installs it)")
    # The floor on this machine, today: what any Python CLI on this stack pays.
    for name, code in (("python (empty)", "pass"), ("import click", "import click, orjson")):
        ms, fastest, mb = _measure(lambda i, code=code: [sys.executable, "-c", code])
        print(f"{name:<16}{'-':>9}{ms:>11.1f}{fastest:>9.1f}{mb:>9}")
    for size in SIZES:
        db = database(size)
        base = [str(SUP), "--db", str(db)]
        rows = {
            "sup win": lambda i, base=base: [*base, "win", "anna", f"benchmark capture {i}"],
            "sup today": lambda i, base=base: [*base, "today"],
        }
        for name, args in rows.items():
            ms, fastest, mb = _measure(args)
            print(f"{name:<16}{size:>9,}{ms:>11.1f}{fastest:>9.1f}{mb:>9}")
        # The journal gone (as after a restore): the capture starts one, never rewrites.
        journal = db.with_name(db.name + ".journal")
        ms, fastest, mb = _measure(
            lambda i, b=base, j=journal: _then(
                lambda: j.unlink(missing_ok=True), [*b, "win", "anna", f"no journal {i}"]
            ),
            runs=11,
        )
        print(f"{'sup win, no jrnl':<16}{size:>9,}{ms:>11.1f}{fastest:>9.1f}{mb:>9}")
        # A month of sessions for a team with nothing planned, from the same file each time.
        plans = db.with_name("plan.json")
        source = plan_source(size)
        ms, fastest, mb = _measure(
            lambda i, src=source, p=plans: _then(
                lambda: _same_file(src, p),
                [str(SUP), "--db", str(p), "plan", "--month", "--yes"],
            ),
            runs=5,
        )
        print(f"{'sup plan month':<16}{size:>9,}{ms:>11.1f}{fastest:>9.1f}{mb:>9}")
        if TASK:
            task = taskwarrior(size)
            pairs = (
                (
                    "sup win",
                    rows["sup win"],
                    "task add",
                    lambda i, t=task: [*t, "add", f"bench {i}"],
                ),
                ("sup today", rows["sup today"], "task next", lambda i, t=task: [*t, "next"]),
                (
                    "sup export",
                    lambda i, b=base: [*b, "export"],
                    "task export",
                    lambda i, t=task: [*t, "export"],
                ),
            )
            for ours, a, theirs, b in pairs:
                runs = 5 if ours == "sup export" else 15
                ms_a, ms_b, ratio = _measure_pair(a, b, runs)
                print(f"{ours + ' : ' + theirs:<24}{size:>9,}{ms_a:>9.1f}{ms_b:>9.1f}{ratio:>7.2f}")
        if size == SIZES[-1]:
            # On a copy: the ~1,000 captures it makes would otherwise fill the day view
            # that the TUI figures below draw.
            around = db.with_name("fold.json")
            shutil.copyfile(db, around)
            median, slowest = captures_around_a_fold(around)
            print(f"{'win across fold':<16}{size:>9,}{median:>11.1f}{slowest:>9.1f}  (slowest)")
        first, first_min, rows, rows_min = tui_startup(db)
        print(f"{'tui first paint':<16}{size:>9,}{first:>11.1f}{first_min:>9.1f}")
        print(f"{'tui rows shown':<16}{size:>9,}{rows:>11.1f}{rows_min:>9.1f}")
        if size >= 10_000:
            for name, ms in tui_keys(db).items():
                print(f"{name:<16}{size:>9,}{ms:>11.1f}{'':>9}")
        if size == SIZES[-1]:
            for name, ms in tui_burst(size).items():
                print(f"{name:<16}{size:>9,}{ms:>11.1f}{'':>9}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
