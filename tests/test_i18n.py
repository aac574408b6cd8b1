"""Catalogues complete, placeholders intact, formats Italian."""

from __future__ import annotations

import re
import runpy
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from familydesk import i18n
from familydesk.kernel.paths import locale_dir

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sr]|%s")


def _catalogue(language: str):  # type: ignore[no-untyped-def]
    with (locale_dir() / language / "LC_MESSAGES" / "familydesk.po").open("rb") as fh:
        return read_po(fh, locale=language)


@pytest.fixture(scope="module")
def extracted() -> set[str | tuple[str, ...]]:
    catalog = runpy.run_path(str(ROOT / "scripts" / "messages.py"))["extract"]()
    return {m.id for m in catalog if m.id}


@pytest.mark.parametrize("language", ["it", "en"])
def test_every_string_in_the_code_is_translated(language: str, extracted: set) -> None:
    catalog = _catalogue(language)
    assert not catalog.fuzzy, "the catalogue header must not be fuzzy"
    missing = [m for m in extracted if m not in catalog]
    assert missing == [], "run `make messages` and translate the new strings"
    untranslated = [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", ["it", "en"])
def test_translations_keep_their_placeholders(language: str) -> None:
    broken = []
    for message in _catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != expected:
                broken.append(message.id)
    assert broken == []


@pytest.mark.parametrize("language", ["it", "en"])
def test_catalogues_compile_without_errors(language: str) -> None:
    """What ``make catalogues`` checks: e.g. "{n}% of" in a msgid reads as a %-format to Babel,
    and a translation with "{n}% degli" then fails to compile."""
    errors = [(m.id, [str(e) for e in errs]) for m, errs in _catalogue(language).check()]
    assert errors == []


def test_italian_is_the_default_and_english_is_available() -> None:
    assert i18n.set_language("xx") == "it"
    assert i18n._("Families") == "Famiglie"
    assert i18n.ngettext("{count} family", "{count} families", 1) == "{count} famiglia"
    assert i18n.ngettext("{count} family", "{count} families", 3) == "{count} famiglie"
    assert i18n.set_language("en_GB") == "en"
    assert i18n._("Families") == "Families"


def test_language_listeners_are_told() -> None:
    heard: list[str] = []
    i18n.add_language_listener(heard.append)
    try:
        i18n.set_language("it")
        i18n.set_language("en")
    finally:
        i18n.remove_language_listener(heard.append)
    assert heard == ["it", "en"]


def test_compiled_catalogue_is_used_when_present(tmp_path: Path) -> None:
    from babel.messages.mofile import write_mo

    folder = tmp_path / "it" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = _catalogue("it")
    catalog.get("Families").string = "Famiglie (compilato)"
    with (folder / "familydesk.mo").open("wb") as fh:
        write_mo(fh, catalog)
    try:
        i18n.set_language("it", folder=tmp_path)
        assert i18n._("Families") == "Famiglie (compilato)"
    finally:
        i18n.set_language("en")


def test_italian_formats() -> None:
    i18n.set_language("it")
    assert i18n.format_date(date(2026, 3, 5)) == "05/03/2026"
    assert i18n.format_money(Decimal("1234.56")) == "1.234,56\xa0€"
    assert i18n.format_number(51179) == "51.179"
    assert i18n.first_weekday() == 0
    assert i18n.format_datetime(datetime(2026, 3, 5, 14, 30)) == "05/03/2026 14:30"
    assert i18n.format_date(None) == ""


@pytest.mark.parametrize("text", ["5/3/2026", "05/03/2026", "05-03-2026", "05.03.2026"])
def test_dates_are_read_day_first(text: str) -> None:
    assert i18n.parse_date(text) == date(2026, 3, 5)


@pytest.mark.parametrize("text", ["", "2026-03-05x", "5/3/26", "oggi"])
def test_bad_dates_are_explained_in_italian(text: str) -> None:
    i18n.set_language("it")
    with pytest.raises(ValueError, match="gg/mm/aaaa"):
        i18n.parse_date(text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31/02/2026", "«31/02/2026» non esiste: febbraio 2026 ha 28 giorni."),
        ("30/02/2028", "«30/02/2028» non esiste: febbraio 2028 ha 29 giorni."),
        ("31/04/2026", "«31/04/2026» non esiste: aprile 2026 ha 30 giorni."),
        ("00/03/2026", "«00/03/2026» non esiste: i giorni partono da 1."),
    ],
)
def test_an_impossible_date_is_called_impossible_not_badly_written(text: str, why: str) -> None:
    """ "31/02/2026" was told "not a date: write it as gg/mm/aaaa", as it was written so."""
    i18n.set_language("it")
    with pytest.raises(ValueError) as refused:
        i18n.parse_date(text)
    assert str(refused.value) == why
