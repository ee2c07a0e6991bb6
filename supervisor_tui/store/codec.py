"""Documents in the file <-> domain records.

Dates are ISO dates; moments are ISO 8601 with their UTC offset. Unknown keys
in a document are ignored, so an older version can read a file a newer minor
change added fields to.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import typing
from collections.abc import Callable
from typing import Any

from ..domain.clock import to_local
from ..domain.entities import Form, Record
from ..domain.kinds import BY_TABLE, Kind, kind_of

_date = dt.date.fromisoformat


def _moment(value: str) -> dt.datetime:
    # Stored with the offset it was written in; shown and counted in the local zone.
    return to_local(dt.datetime.fromisoformat(value))


def _lists(value: Any) -> Any:
    """Tuples as the JSON arrays they come back from the file as (so undo compares equal)."""
    return [_lists(v) for v in value] if isinstance(value, tuple) else value


def table_of(record: Record | Form) -> str:
    """The table a record lives in."""
    return kind_of(record).table


def to_doc(record: Record | Form) -> dict[str, Any]:
    """The document stored for ``record`` (its id is the document's key, not a field)."""
    doc: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name == "id":
            continue
        value = getattr(record, f.name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = _lists(value)
        doc[f.name] = value
    return doc


class DamagedRecord(ValueError):
    """A stored document that does not fit its kind.

    ``problem`` names the field and what it should hold, never the value: the
    value may be a note about a person, and the message ends up on a screen.
    """

    def __init__(self, table: str, key: str, problem: str) -> None:
        super().__init__(f"{table} #{key}: {problem}")
        self.table, self.key, self.problem = table, key, problem


def replaced(
    group: tuple[Any, ...], table: str, record_id: int, doc: dict[str, Any] | None
) -> tuple[Any, ...]:
    """The records of one kind (``group``, in their order) with the record ``record_id``
    replaced by ``doc``, or removed (None): the changed record goes where decoding the
    whole file again would put it, last, or after its equals in a kind kept in order."""
    kind = BY_TABLE[table]
    kept = [r for r in group if r.id != record_id] if kind.has_id else list(group)
    if doc is not None:
        changed = from_doc(table, str(record_id), doc)
        if kind.order is None:
            kept.append(changed)
        else:
            bisect.insort_right(kept, changed, key=kind.order)
    return tuple(kept)


def from_doc(table: str, key: str, doc: dict[str, Any]) -> Record | Form:
    """The record a document stands for.

    KeyError: no such table; `DamagedRecord`: the document does not fit its kind
    (a field missing or of the wrong type, a date that is not a date).
    """
    decode = _DECODERS.get(table) or _decoder(BY_TABLE[table])
    try:
        return decode(int(key), doc)
    except (KeyError, ValueError, TypeError, AttributeError, OverflowError):
        raise DamagedRecord(table, key, _diagnose(BY_TABLE[table], key, doc)) from None


# -- the fast path: a decoder per kind, checking types as it goes -----------------------


def _text(value: Any) -> str:
    if value.__class__ is not str:
        raise TypeError
    return value


def _number(value: Any) -> float:
    """A stored figure: JSON writes 5.0 as 5, so a whole number is one too (never true)."""
    if value.__class__ is not float and value.__class__ is not int:
        raise TypeError
    return float(value)


def _converter(tp: Any) -> Callable[[Any], Any] | None:
    """A function that turns a stored value into ``tp`` or raises; None when the value is
    used as it is (a str, int or bool, checked inline by the decoder)."""
    if tp is dt.date:
        return _date  # TypeError for anything but a str, ValueError for a str that is no date
    if tp is dt.datetime:
        return _moment
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0]) or _checker(args[0])

            def many(value: Any) -> tuple[Any, ...]:
                if value.__class__ is not list:
                    raise TypeError
                return tuple(map(item, value))

            return many
        if args == (str, str):  # (agenda item, notes): thousands of them in a large file

            def pair(value: Any) -> tuple[str, str]:
                first, second = value  # ValueError unless exactly two
                if value.__class__ is not list or first.__class__ is not str:
                    raise TypeError
                if second.__class__ is not str:
                    raise TypeError
                return first, second

            return pair
        parts = [_converter(a) or _checker(a) for a in args]

        def fixed(value: Any) -> tuple[Any, ...]:
            if value.__class__ is not list or len(value) != len(parts):
                raise TypeError
            return tuple(part(v) for part, v in zip(parts, value, strict=True))

        return fixed
    if tp is float:
        return _number
    if tp in (str, int, bool):
        return None
    raise TypeError(f"no stored form for {tp!r}")  # a new field type needs a line here


def _checker(tp: Any) -> Callable[[Any], Any]:
    if tp is str:
        return _text

    def check(value: Any) -> Any:
        if value.__class__ is not tp:
            raise TypeError
        return value

    return check


def _decoder(kind: Kind, *, whole: bool = True) -> Any:
    """A function (key, doc) -> record for one kind, written out as by hand (it runs 100k
    times on a large file, so it does no per-field lookups of its own). Each field's type
    is checked on the way: a str, int or bool by its exact class (True is no id), the
    rest by the converter that has to read it anyway; then, unless ``whole`` is False,
    the kind's own `Kind.problem`."""
    if whole and kind.table in _DECODERS:
        return _DECODERS[kind.table]
    defaults = {f.name: f for f in dataclasses.fields(kind.entity)}
    namespace: dict[str, Any] = {"_E": kind.entity, "_bad": TypeError, "_problem": kind.problem}
    lines, args = [], []
    for n, (name, tp) in enumerate(kind.fields):
        if name == "id":
            args.append("i")
            continue
        f = defaults[name]
        if f.default is not dataclasses.MISSING:
            namespace[f"_d{n}"] = f.default
            get = f'd.get("{name}", _d{n})'
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_d{n}"] = f.default_factory()
            get = f'd.get("{name}", _d{n})'
        else:
            get = f'd["{name}"]'
        var = f"v{n}"
        lines.append(f"{var} = {get}")
        nullable = name in kind.nullable
        convert = _converter(tp)
        if convert is None:
            namespace[f"_t{n}"] = tp
            test = f"{var}.__class__ is not _t{n}"
            lines.append(
                f"if {var} is not None and {test}: raise _bad"
                if nullable
                else f"if {test}: raise _bad"
            )
        else:
            namespace[f"_c{n}"] = convert
            if nullable:
                lines.append(f"if {var} is not None: {var} = _c{n}({var})")
            else:
                lines.append(f"{var} = _c{n}({var})")
        args.append(var)
    lines.append(f"r = _E({', '.join(args)})")
    if whole and kind.problem is not None:
        lines.append("if _problem(r) is not None: raise _bad")
    body = "".join(f"    {line}\n" for line in lines)
    source = f"def decode(i, d):\n{body}    return r\n"
    exec(compile(source, f"<decoder of {kind.table}>", "exec"), namespace)
    if whole:
        _DECODERS[kind.table] = namespace["decode"]
    return namespace["decode"]


# -- the slow path: what is wrong, in words, once the fast path has refused ------------


_WORDS = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    float: "a number",
    dt.date: "a date (YYYY-MM-DD)",
    dt.datetime: "a date and time (ISO 8601)",
}


def _expected(tp: Any) -> str:
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return f"a list of {_plural(args[0])}"
        return f"a list of {len(args)}: " + ", ".join(_expected(a) for a in args)
    return _WORDS.get(tp, getattr(tp, "__name__", str(tp)))


def _plural(tp: Any) -> str:
    if typing.get_origin(tp) is tuple:
        return f"lists of {len(typing.get_args(tp))} texts"
    return {str: "texts", int: "whole numbers"}.get(tp, _expected(tp))


def _diagnose(kind: Kind, key: str, doc: Any) -> str:
    """Which field of ``doc`` does not fit ``kind``, and what it should hold."""
    try:
        int(key)
    except ValueError:
        return "its key is not a number"
    if not isinstance(doc, dict):
        return "it is not a record (a JSON object)"
    defaults = {f.name: f for f in dataclasses.fields(kind.entity)}
    for name, tp in kind.fields:
        if name == "id":
            continue
        f = defaults[name]
        if name not in doc:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                return f"its '{name}' is missing"
            continue
        value = doc[name]
        if value is None and name in kind.nullable:
            continue
        try:
            (_converter(tp) or _checker(tp))(value)
        except (ValueError, TypeError, OverflowError):
            return f"its '{name}' should be {_expected(tp)}"
    if kind.problem is not None:
        problem = kind.problem(_decoder(kind, whole=False)(int(key), doc))
        if problem:
            return problem
    return "it does not fit its kind"


_DECODERS: dict[str, Any] = {}


def open_filter(table: str, docs: dict[str, dict[str, Any]]) -> set[str] | None:
    """Which documents of ``table`` the day view can list; None means all of them.

    A document the filter cannot read (not an object, a date that is a number) makes
    it all of them: decoding them then names the damaged record.
    """
    try:
        return BY_TABLE[table].open_docs(docs)
    except (AttributeError, TypeError, ValueError):
        return None
