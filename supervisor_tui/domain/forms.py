"""Coaching forms: the agenda every session follows, and the ones that ship with the app.

A form evolves in small steps: editing it stores a new version, and every held
session keeps the name and version it followed. Forms stored in the database
take precedence over the shipped defaults of the same name.
"""

from __future__ import annotations

from .entities import Form, Person, Records

DEFAULT_FORM = "Coaching 1:1"

# The forms that ship with the app. A lead changes them with `sup forms edit`, which
# stores a new version in the database; these stay as version 1.
SHIPPED = (
    Form(
        "Coaching 1:1",
        1,
        (
            "Since last time (our agreements)",
            "Wins",
            "Numbers and behaviours against goals",
            "Wellbeing and workload",
            "What you need from me",
            "Agreed next steps",
        ),
    ),
    Form(
        "New starter",
        1,
        (
            "Since last time (our agreements)",
            "Wins",
            "What felt hard this week",
            "Systems and knowledge: what to practise",
            "Wellbeing and workload",
            "What you need from me",
            "Agreed next steps",
        ),
    ),
)


class FormError(ValueError):
    """A form that can't be used as written; the message says what to change."""


def all_versions(records: Records) -> tuple[Form, ...]:
    """Every version of every form: the defaults, and what the database holds."""
    stored = {(f.name, f.version) for f in records.forms}
    shipped = tuple(f for f in SHIPPED if (f.name, f.version) not in stored)
    return tuple(sorted((*shipped, *records.forms), key=lambda f: (f.name.casefold(), f.version)))


def latest_forms(records: Records) -> dict[str, Form]:
    """The current version of each form, by name."""
    latest: dict[str, Form] = {}
    for form in all_versions(records):
        latest[form.name] = form  # sorted by version, so the last one wins
    return latest


def find_form(records: Records, name: str) -> Form:
    """The current version of the form called ``name`` (case-insensitive)."""
    forms = latest_forms(records)
    for form_name, form in forms.items():
        if form_name.casefold() == name.strip().casefold():
            return form
    known = ", ".join(f'"{n}"' for n in forms)
    raise FormError(f'There is no form called "{name}". Forms: {known}.')


def form_for(person: Person, records: Records) -> Form:
    """The form a person's sessions follow: their own default, else the team's."""
    forms = latest_forms(records)
    if person.form and person.form in forms:
        return forms[person.form]
    return forms.get(DEFAULT_FORM) or next(iter(forms.values()))


def version_of(records: Records, name: str, version: int) -> Form | None:
    """One exact version of a form (what an old session followed), if known."""
    return next((f for f in all_versions(records) if f.name == name and f.version == version), None)


def parse_items(text: str) -> tuple[str, ...]:
    """Agenda items from text, one per line; blank lines and ``#`` comments are ignored."""
    items = []
    for line in text.splitlines():
        item = " ".join(line.split())
        if item and not item.startswith("#"):
            items.append(item)
    if not items:
        raise FormError("A form needs at least one agenda item, one per line.")
    if len(set(i.casefold() for i in items)) != len(items):
        raise FormError("Each agenda item must be different: notes are kept per item.")
    return tuple(items)


def revise(form: Form, items: tuple[str, ...]) -> Form | None:
    """The next version of ``form`` with these items; None when nothing changed."""
    if items == form.items:
        return None
    return Form(form.name, form.version + 1, items)
