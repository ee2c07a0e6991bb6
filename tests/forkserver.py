"""Worker processes that start in milliseconds: forked by a server that imported them once.

The store's tests run their writers, killers and folders as real OS processes. Each
started as a fresh interpreter spent 100-200 ms of CPU importing the store before it
wrote a byte, and the suite starts some two hundred. Here one server per test process
imports the workers' module and forks a child for each request; the child is a
process like any other (its own memory, file descriptors and pid; killed with
SIGKILL; its exit status reported), with the environment and working directory of
the test that asked for it.

`spawn` returns a `Forked`, which answers as much of `subprocess.Popen` as the tests
use: ``pid``, unbuffered ``stdin``/``stdout``/``stderr``, ``kill``, ``wait``,
``communicate`` and ``returncode``. The child is signalled through a pidfd, so a
kill never reaches another process that took its pid.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from typing import Any

_server: tuple[subprocess.Popen[bytes], str] | None = None


class Forked:
    """A forked worker, seen from the test."""

    def __init__(self, address: str, argv: list[str]) -> None:
        stdin_r, stdin_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        self._conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._conn.connect(address)
        request = {"argv": argv, "env": dict(os.environ), "cwd": os.getcwd()}
        socket.send_fds(self._conn, [json.dumps(request).encode()], [stdin_r, out_w, err_w])
        for fd in (stdin_r, out_w, err_w):
            os.close(fd)
        message, fds, _flags, _address = socket.recv_fds(self._conn, 64, 1)
        (self._pidfd,) = fds
        self.pid = int(message)
        self.stdin = open(stdin_w, "wb", buffering=0)  # noqa: SIM115 - closed in communicate
        self.stdout = open(out_r, "rb", buffering=0)  # noqa: SIM115
        self.stderr = open(err_r, "rb", buffering=0)  # noqa: SIM115
        self.returncode: int | None = None

    def kill(self) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):  # it has ended already
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self._conn.settimeout(timeout)
            try:
                said = b""
                while not said.endswith(b"\n"):
                    chunk = self._conn.recv(64)
                    if not chunk:
                        raise RuntimeError("the fork server ended before its child")
                    said += chunk
            except TimeoutError:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0) from None
            self.returncode = int(said)
            self._conn.close()
            os.close(self._pidfd)
        return self.returncode

    def communicate(self, timeout: float | None = None) -> tuple[bytes, bytes]:
        """Everything the child still prints, once it has ended (as `Popen.communicate`)."""
        if not self.stdin.closed:
            self.stdin.close()
        deadline = None if timeout is None else time.monotonic() + timeout
        read: dict[int, list[bytes]] = {self.stdout.fileno(): [], self.stderr.fileno(): []}
        with selectors.DefaultSelector() as selector:
            for stream in (self.stdout, self.stderr):
                if not stream.closed:
                    selector.register(stream.fileno(), selectors.EVENT_READ)
            while selector.get_map():
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
                for key, _ in selector.select(left):
                    chunk = os.read(key.fd, 65536)
                    if chunk:
                        read[key.fd].append(chunk)
                    else:
                        selector.unregister(key.fd)
        out, err = (b"".join(read[s.fileno()]) for s in (self.stdout, self.stderr))
        self.stdout.close()
        self.stderr.close()
        self.wait(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return out, err


def spawn(server_command: list[str], argv: list[str]) -> Forked:
    """A child of the server started by ``server_command``, running ``argv``."""
    return Forked(_address(server_command), argv)


def _address(server_command: list[str]) -> str:
    """The address of this test process's server, started the first time it is asked for."""
    global _server
    if _server is None or _server[0].poll() is not None:
        folder = tempfile.mkdtemp(prefix="sup-forkserver-")
        address = os.path.join(folder, "socket")
        # The server ends when its stdin closes: when this process ends, however it ends.
        process = subprocess.Popen(
            [*server_command, address], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line == b"serving\n", f"the fork server did not start: {line!r}"
        atexit.register(_stop, process, folder)
        _server = (process, address)
    return _server[1]


def _stop(process: subprocess.Popen[bytes], folder: str) -> None:
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=10)
    for name in os.listdir(folder):
        os.unlink(os.path.join(folder, name))
    os.rmdir(folder)


# -- the server -----------------------------------------------------------------------


def serve(address: str, run: Callable[[list[str]], Any]) -> None:
    """Fork a child running ``run(argv)`` for each request, and report how each ended.

    One thread: SIGCHLD wakes the loop through a self-pipe, so no fork happens while
    another thread of the server holds a lock.
    """
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    wake_r, wake_w = socket.socketpair()
    wake_w.setblocking(False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w.fileno())
    asking: dict[int, socket.socket] = {}  # child pid → the test waiting for its end
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    selector.register(wake_r, selectors.EVENT_READ)
    selector.register(sys.stdin.fileno(), selectors.EVENT_READ)
    print("serving", flush=True)
    while True:
        for key, _ in selector.select():
            if key.fileobj is listener:
                conn, _ = listener.accept()
                conn.setblocking(True)
                pid = _fork(conn, run, [listener, wake_r, wake_w, selector])
                if pid:
                    asking[pid] = conn
            elif key.fileobj is wake_r:
                wake_r.recv(4096)
                _report_ended(asking)
            else:  # the test process is gone
                if not os.read(sys.stdin.fileno(), 4096):
                    for pid in asking:
                        os.kill(pid, signal.SIGKILL)
                    return


def _fork(conn: socket.socket, run: Callable[[list[str]], Any], close: list[Any]) -> int:
    message, fds, _flags, _address = socket.recv_fds(conn, 1 << 20, 3)
    request = json.loads(message)
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            for thing in close:
                thing.close()
            conn.close()
            for target, fd in enumerate(fds):
                os.dup2(fd, target)
                os.close(fd)
            os.environ.clear()
            os.environ.update(request["env"])
            time.tzset()
            os.chdir(request["cwd"])
            sys.argv = [sys.argv[0], *request["argv"]]
            run(request["argv"])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    for fd in fds:
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    socket.send_fds(conn, [str(pid).encode()], [pidfd])
    os.close(pidfd)
    return pid


def _report_ended(asking: dict[int, socket.socket]) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return  # no child left
        if pid == 0:
            return
        conn = asking.pop(pid, None)
        if conn is not None:
            with contextlib.suppress(OSError):  # the test stopped waiting
                conn.sendall(b"%d\n" % os.waitstatus_to_exitcode(status))
            conn.close()


def main_for(run: Callable[[list[str]], Any]) -> Callable[[list[str]], None]:
    """A ``__main__`` for a module of workers: ``serve ADDRESS`` serves, anything else
    runs one worker in this process."""

    def main(argv: list[str]) -> None:
        if argv[:1] == ["serve"]:
            serve(argv[1], run)
        else:
            run(argv)

    return main
