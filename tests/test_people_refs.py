"""Person references (`@anna`, `virt`, `aki`) and new handles."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_tui.domain.entities import Person
from supervisor_tui.domain.people import (
    AMBIGUOUS,
    NO_MATCH,
    NO_REF,
    PersonRefError,
    fold,
    make_handle,
    people_matching,
    resolve_person,
)

START = dt.date(2024, 3, 1)


def person(id_: int, name: str, handle: str, *, archived: bool = False) -> Person:
    return Person(id=id_, name=name, handle=handle, started_on=START, archived=archived)


ANNA = person(1, "Anna Virtanen", "anna")
ANTTI = person(2, "Antti Korhonen", "antti")
AKI = person(3, "Äki Mäkelä", "aki")
BEN = person(4, "Ben Ng", "ben")
OLLI = person(5, "Olli Oja", "olli", archived=True)
TEAM = (ANNA, ANTTI, AKI, BEN, OLLI)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("anna", ANNA),
        ("@anna", ANNA),
        ("ANNA", ANNA),
        ("  anna ", ANNA),
        ("aki", AKI),
        ("AKI", AKI),
        ("Äki", AKI),
        ("äKI", AKI),
        ("mäk", AKI),
        ("mak", AKI),
        ("makela", AKI),
        ("virt", ANNA),
        ("Virtanen", ANNA),
        ("anna v", ANNA),
        ("anna  virtanen", ANNA),
        ("kor", ANTTI),
        ("ant", ANTTI),
        ("@ANTTI", ANTTI),
        ("b", BEN),
        ("ng", BEN),
    ],
)
def test_reference_finds_person_by_handle_or_name_prefix_ignoring_case_and_accents(
    ref: str, expected: Person
) -> None:
    assert resolve_person(ref, TEAM) == expected


def test_exact_handle_beats_a_prefix_of_other_handles() -> None:
    an = person(6, "Anh Tran", "an")
    assert resolve_person("an", (*TEAM, an)) == an
    assert resolve_person("@AN", (*TEAM, an)) == an


def test_exact_full_name_beats_a_longer_name_it_prefixes() -> None:
    longer = person(7, "Anna Virtanen-Lehto", "annavl")
    assert resolve_person("anna virtanen", (ANNA, longer)) == ANNA


def test_ambiguous_reference_lists_every_candidate_by_name_and_handle() -> None:
    with pytest.raises(PersonRefError) as caught:
        resolve_person("an", TEAM)
    assert caught.value.candidates == (ANNA, ANTTI)
    assert caught.value.ref == "an"
    assert str(caught.value) == (
        '"an" matches several people: Anna Virtanen (@anna), Antti Korhonen (@antti). '
        "Type more of the name."
    )


def test_unknown_reference_lists_the_active_handles_and_says_it_matched_no_one() -> None:
    # How to add someone is the interface's to say (`sup people add` in the shell).
    with pytest.raises(PersonRefError) as caught:
        resolve_person("@zed", TEAM)
    assert caught.value.candidates == ()
    assert caught.value.reason == NO_MATCH
    assert str(caught.value) == 'No one called "zed". People: @aki, @anna, @antti, @ben.'


def test_ambiguous_and_empty_references_say_why() -> None:
    with pytest.raises(PersonRefError) as ambiguous:
        resolve_person("an", TEAM)
    with pytest.raises(PersonRefError) as empty:
        resolve_person("@", TEAM)
    assert (ambiguous.value.reason, empty.value.reason) == (AMBIGUOUS, NO_REF)


def test_unknown_reference_on_an_empty_team_says_there_is_no_one_yet() -> None:
    with pytest.raises(PersonRefError, match="no one on the team yet"):
        resolve_person("anna", ())


@pytest.mark.parametrize("ref", ["olli", "@olli", "oja", "Olli Oja"])
def test_archived_people_never_match(ref: str) -> None:
    with pytest.raises(PersonRefError) as caught:
        resolve_person(ref, TEAM)
    assert "@olli" not in str(caught.value)


def test_archived_person_does_not_make_a_reference_ambiguous() -> None:
    old_anna = person(8, "Anna Aalto", "annaa", archived=True)
    assert resolve_person("ann", (ANNA, old_anna)) == ANNA


def test_two_people_with_the_same_full_name_are_ambiguous() -> None:
    twin = person(9, "Anna Virtanen", "annav")
    with pytest.raises(PersonRefError) as caught:
        resolve_person("Anna Virtanen", (ANNA, twin))
    assert set(caught.value.candidates) == {ANNA, twin}


@pytest.mark.parametrize("ref", ["", "   ", "@", " @ "])
def test_empty_reference_is_an_error_asking_who(ref: str) -> None:
    with pytest.raises(PersonRefError, match="Say who"):
        resolve_person(ref, TEAM)


def test_reference_errors_are_value_errors_so_callers_can_catch_them_together() -> None:
    assert issubclass(PersonRefError, ValueError)


def test_control_characters_in_a_reference_are_echoed_escaped() -> None:
    with pytest.raises(PersonRefError) as caught:
        resolve_person("\x1b[31mzed", TEAM)
    assert "\x1b" not in str(caught.value)
    assert "\\x1b[31mzed" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Äki Mäkelä", "aki makela"),
        ("ÅSA", "asa"),
        ("Øystein", "oystein"),
        ("Straße", "strasse"),
        ("İlkay", "ilkay"),
        ("ﬁona", "fiona"),
    ],
)
def test_fold_ignores_case_and_accents(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_people_matching_lists_active_prefix_matches_in_name_order() -> None:
    assert [p.handle for p in people_matching("@a", TEAM)] == ["aki", "anna", "antti"]
    assert people_matching("o", TEAM) == ()
    assert [p.handle for p in people_matching("", TEAM)] == ["aki", "anna", "antti", "ben"]


@pytest.mark.parametrize(
    ("name", "taken", "handle"),
    [
        ("Anna Virtanen", [], "anna"),
        ("Anna Virtanen", ["anna"], "annav"),
        ("Anna Virtanen", ["anna", "annav"], "anna2"),
        ("Anna Virtanen", ["anna", "annav", "anna2"], "anna3"),
        ("Anna Virtanen", ["ANNA"], "annav"),
        ("Äki Mäkelä", [], "aki"),
        ("Äki Mäkelä", ["aki"], "akim"),
        ("Jean-Luc O'Neill", [], "jeanluc"),
        ("Madonna", ["madonna"], "madonna2"),
        ("  ", [], "person"),
        ("!!!", ["person"], "person2"),
    ],
)
def test_new_handle_is_the_folded_first_name_then_last_initial_then_a_number(
    name: str, taken: list[str], handle: str
) -> None:
    assert make_handle(name, taken) == handle


@given(st.text(), st.lists(st.text(max_size=8), max_size=20))
def test_new_handle_is_never_taken_and_is_letters_and_digits(name: str, taken: list[str]) -> None:
    handle = make_handle(name, taken)
    assert handle.isalnum()
    assert fold(handle) not in {fold(t) for t in taken}
