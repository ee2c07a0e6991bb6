"""The terminal driver: Textual's, with Escape read as a key of its own in time.

Textual's driver reads the terminal every 100 ms at most and hands what it read to the
key parser before it asks the parser whether an Escape has waited long enough to be
a key. Escape and then a key typed 80 ms later (a person's pace) are so read as one:
Escape then "j" as Alt+j, Escape then Enter as Enter alone (a dialog meant to be
cancelled is saved). Here the parser is asked first; `sup` has a lone Escape wait
50 ms for the rest of a sequence (ESCDELAY, see `cli/tui_cmd.py`). The same loop as
Textual's otherwise (textual 8.x).
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

READ_EVERY = 0.1  # seconds: as Textual's driver


class TimelyEscapeDriver(LinuxDriver):
    """Textual's driver for Linux and macOS terminals, Escape read in time."""

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def read(*, final: bool = False) -> None:
            ready = selector.select(READ_EVERY)
            # An Escape that has waited long enough is a key, before whatever came since.
            for event in parser.tick():
                self.process_message(event)
            for _key, mask in ready:
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(self.fileno, 1024 * 4), final=final)
                    if not data:  # stdin closed
                        break
                    for event in parser.feed(data):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                read()
            selector.unregister(self.fileno)
            read(final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
