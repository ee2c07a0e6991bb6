"""The only package that knows TinyDB and the file format."""

from .errors import (
    BusyError,
    ConflictError,
    NewerSchemaError,
    NotFoundError,
    StoreError,
    UnreadableFileError,
    WriteFailedError,
)
from .store import Store
from .txn import Change, Txn

__all__ = [
    "BusyError",
    "Change",
    "ConflictError",
    "NewerSchemaError",
    "NotFoundError",
    "Store",
    "StoreError",
    "Txn",
    "UnreadableFileError",
    "WriteFailedError",
]
