"""The error every rule raises for a request the routine does not allow."""

from __future__ import annotations


class DomainError(ValueError):
    """A request the routine does not allow; the message says what to do."""
