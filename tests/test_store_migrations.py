"""Older files are migrated forward: in memory on every read, on disk at the next write."""

from __future__ import annotations

import datetime as dt

import orjson

from supervisor_tui.domain.entities import Person, Win
from supervisor_tui.store import Store, schema
from supervisor_tui.store.backups import list_backups

NOW = dt.datetime(2026, 11, 20, 10, 0).astimezone()


def _version_one_file(path):
    store = Store(path)
    with store.transaction() as txn:
        anna = txn.add(Person(0, "Anna Virtanen", "anna", dt.date(2025, 1, 1), role=""))
    return anna


def _add_default_role(data):
    """A version 1 -> 2 step: everyone without a role becomes an advisor."""
    for doc in data["people"].values():
        doc["role"] = doc.get("role") or "customer advisor"


def test_an_older_file_is_migrated_on_read_and_left_alone_until_a_write(db_path, monkeypatch):
    anna = _version_one_file(db_path)
    before = db_path.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: _add_default_role})

    records = Store(db_path).load()

    assert records.person(anna.id).role == "customer advisor"
    assert db_path.read_bytes() == before  # reading never writes


def test_the_next_write_stores_the_migrated_file_and_keeps_the_old_one_as_a_backup(
    db_path, monkeypatch
):
    anna = _version_one_file(db_path)
    old = db_path.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: _add_default_role})
    for backup in list_backups(db_path):
        backup.unlink()  # so that the migrating write takes today's backup

    with Store(db_path).transaction() as txn:
        txn.add(Win(0, anna.id, "closed the case", dt.date(2026, 11, 20), NOW))

    raw = orjson.loads(db_path.read_bytes())
    assert raw["meta"]["1"]["schema"] == 2
    assert raw["people"][str(anna.id)]["role"] == "customer advisor"
    (backup,) = list_backups(db_path)
    assert backup.read_bytes() == old
