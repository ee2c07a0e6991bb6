"""The only package that knows TinyDB and the file format."""

from .change import Change
from .errors import (
    BusyError,
    ConflictError,
    NewerSchemaError,
    NotFoundError,
    PersonGoneError,
    StoreError,
    UnknownIdError,
    UnreadableFileError,
    WriteFailedError,
)
from .store import Store

__all__ = [
    "BusyError",
    "Change",
    "ConflictError",
    "NewerSchemaError",
    "NotFoundError",
    "PersonGoneError",
    "Store",
    "StoreError",
    "UnknownIdError",
    "UnreadableFileError",
    "WriteFailedError",
]


def __getattr__(name: str):
    # Txn pulls in TinyDB; load it only for code that really asks for it.
    if name == "Txn":
        from .txn import Txn

        return Txn
    raise AttributeError(name)
