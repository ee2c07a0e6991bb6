"""``python -m supervisor_tui`` works like ``sup``."""

from .cli import main

main()
