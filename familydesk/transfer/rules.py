"""The import's rules for rows and families, before anything touches the database.

Each row becomes a member checked by the registry's own ``clean_member``;
the family-level columns of a family's rows become one ``FamilyInput``
checked by ``clean_family``. Rows of one family must agree on family-level
values, and a tax code may appear only once in the file. Matching with
records already in the database happens later (:mod:`.matching`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from familydesk.i18n import _, format_date
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.text import name_key
from familydesk.registry.families import age_on
from familydesk.registry.records import ADULT_AGE, FamilyInput, MemberInput
from familydesk.registry.validation import clean_family, clean_member
from familydesk.transfer import values as v
from familydesk.transfer.places import ComuneFinder
from familydesk.transfer.reading import SourceRow, SourceTable

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 250

#: clean_family's fields -> the column that holds them (where to pin its error).
_FAMILY_FIELD_COLUMNS = {
    "name": "nome_famiglia",
    "email": "email_famiglia",
    "phone": "telefono_famiglia",
    "isee_value": "isee",
    "isee_expiry": "isee",
    "resident_since": "residente_dal",
    "postal_code": "cap",
}


@dataclass
class RowDraft:
    source: SourceRow
    key: str
    surname: str
    given_name: str
    code: str
    member: MemberInput | None = None
    errors: list[str] = field(default_factory=list)
    #: Set when the row is refused only because another row of its family was.
    collateral: str = ""

    @property
    def rejected(self) -> bool:
        return bool(self.errors or self.collateral)

    @property
    def match_key(self) -> tuple[str, date | None]:
        """Same person without a code: folded name and birth date."""
        assert self.member is not None
        return name_key(self.member.last_name, self.member.first_name), self.member.birth_date


@dataclass
class FamilyDraft:
    key: str
    rows: list[RowDraft] = field(default_factory=list)
    #: Family-level column -> (parsed value, text as written, line it came from).
    values: dict[str, tuple[object, str, int]] = field(default_factory=dict)
    family: FamilyInput | None = None
    #: Id of the registry family that already holds every row (then nothing is written).
    present_in: int | None = None

    @property
    def rejected(self) -> bool:
        return any(row.rejected for row in self.rows)

    def reject_rest(self) -> None:
        """Mark the family's good rows as refused because of its first bad row."""
        bad = next((row for row in self.rows if row.errors), None)
        if bad is None:
            return
        for row in self.rows:
            if not row.errors:
                row.collateral = _(
                    "Not imported because line {line} of the same family was rejected."
                ).format(line=bad.source.line)


class RowReader:
    """Reads and checks rows of one table (holds the comune index and today's date)."""

    def __init__(self, table: SourceTable, today: date) -> None:
        self.table = table
        self.today = today
        self.comuni = ComuneFinder()
        self.no_code_reason = _("tax code not given in the imported file")
        self._columns = list(table.columns.items())

    def header(self, column: str) -> str:
        """The column's header as written in the file (errors name what the user sees)."""
        index = self.table.columns.get(column)
        return self.table.headers[index] if index is not None else column

    def read(self, row: SourceRow) -> tuple[RowDraft, dict[str, tuple[object, str]]]:
        """The row as a checked member, and its family-level values (parsed, as written)."""
        cells = row.cells
        raw = {name: cells[i] if i < len(cells) else "" for name, i in self._columns}
        texts = _Texts({name: v.text(value) for name, value in raw.items()})
        draft = RowDraft(
            row, texts["famiglia"], texts["cognome"], texts["nome"], texts["codice_fiscale"].upper()
        )
        for column in ("famiglia", "cognome", "nome"):
            if not texts[column]:
                draft.errors.append(
                    _("{column}: empty, but it is required.").format(column=self.header(column))
                )
        required_missing = bool(draft.errors)
        family_values = self._family_values(raw, texts, draft.errors)
        member = self._member(raw, texts, draft.errors)
        if member is not None and not required_missing:  # every problem of the row at once
            try:
                draft.member = self._clean(member)
                draft.code = draft.member.tax_code
            except ValidationError as exc:
                draft.errors.append(exc.message)
        return draft, family_values

    def _member(
        self, raw: dict[str, object], texts: _Texts, errors: list[str]
    ) -> MemberInput | None:
        parsed: dict[str, object] = {}
        unreadable = False
        for column, reader, target in (
            ("data_nascita", v.read_date, "birth_date"),
            ("ruolo", v.read_relation, "relation"),
            ("disabilita", v.read_yes_no, "disability"),
        ):
            try:
                parsed[target] = reader(raw.get(column), self.header(column))
            except ValueError as exc:
                errors.append(str(exc))
                unreadable = True
        if unreadable:
            return None
        code, reason = texts["codice_fiscale"], texts["motivo_senza_codice"]
        return MemberInput(
            first_name=texts["nome"],
            last_name=texts["cognome"],
            sex=v.read_sex(texts["sesso"]),
            birth_date=parsed["birth_date"],  # type: ignore[arg-type]
            birth_place=texts["luogo_nascita"],
            tax_code=code,
            no_code_reason=reason or ("" if code else self.no_code_reason),
            relation=parsed["relation"] or "",  # type: ignore[arg-type]
            citizenship=texts["cittadinanza"],
            languages=texts["lingue"].replace(";", ",").replace("/", ","),
            phone=texts["telefono"],
            email=texts["email"],
            disability=bool(parsed["disability"]),
            notes=texts["note"],
        )

    def _clean(self, member: MemberInput) -> MemberInput:
        """``clean_member``; an empty relationship is taken from the age (minor: child)."""
        if member.relation:
            return clean_member(member, self.today)
        clean = clean_member(replace(member, relation="other"), self.today)
        age = age_on(clean.birth_date, self.today)
        if age is not None:
            clean = replace(clean, relation="child" if age < ADULT_AGE else "parent")
        return clean

    def _family_values(
        self, raw: dict[str, object], texts: _Texts, errors: list[str]
    ) -> dict[str, tuple[object, str]]:
        found: dict[str, tuple[object, str]] = {}
        for column in (
            "nome_famiglia",
            "indirizzo",
            "cap",
            "telefono_famiglia",
            "email_famiglia",
            "note_famiglia",
        ):
            if texts[column]:
                found[column] = (" ".join(texts[column].split()), texts[column])
        if isinstance(raw.get("cap"), int) and texts["cap"]:
            # A spreadsheet that took the CAP for a number dropped its leading zeros (00184).
            found["cap"] = (texts["cap"].zfill(5), texts["cap"])
        name, code = texts["comune_residenza"], texts["codice_comune"]
        if name or code:
            try:
                info = self.comuni.find(
                    name, code, self.header("comune_residenza"), self.header("codice_comune")
                )
                found["comune_residenza"] = (info, name or code)
            except ValueError as exc:
                errors.append(str(exc))
        for column, reader in (
            ("isee", v.read_amount),
            ("isee_scadenza", v.read_date),
            ("residente_dal", v.read_date),
        ):
            if texts[column]:
                try:
                    found[column] = (reader(raw[column], self.header(column)), texts[column])
                except ValueError as exc:
                    errors.append(str(exc))
        return found


class _Texts(dict[str, str]):
    """Cell texts by column; a column the file does not have reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


def read_families(
    table: SourceTable, today: date, progress: Progress | None = None, total: int = 0
) -> list[FamilyDraft]:
    """Group the rows into families and apply every rule that needs only the file."""
    reader = RowReader(table, today)
    families: dict[str, FamilyDraft] = {}
    for index, row in enumerate(table.rows, start=1):
        draft, values = reader.read(row)
        group = draft.key or f"\0{row.line}"  # a row without key is a family of its own
        family = families.setdefault(group, FamilyDraft(draft.key))
        family.rows.append(draft)
        _merge_values(family, values, draft, reader)
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(index, total)
    drafts = list(families.values())
    _check_file_duplicates(drafts)
    for family in drafts:
        if not family.rejected:
            _build_family(family, reader)
        family.reject_rest()
    return drafts


def _merge_values(
    family: FamilyDraft, values: dict[str, tuple[object, str]], draft: RowDraft, reader: RowReader
) -> None:
    """First non-empty value wins; a different one on another row is an error of that row."""
    for column, (value, raw) in values.items():
        if column not in family.values:
            family.values[column] = (value, raw, draft.source.line)
            continue
        known, known_raw, line = family.values[column]
        if known != value:
            draft.errors.append(
                _(
                    "{column}: “{value}” differs from “{other}” on line {line} of the same family."
                ).format(column=reader.header(column), value=raw, other=known_raw, line=line)
            )


def _check_file_duplicates(families: list[FamilyDraft]) -> None:
    by_code: dict[str, list[tuple[FamilyDraft, RowDraft]]] = {}
    for family in families:
        seen: dict[tuple[str, date | None], RowDraft] = {}
        for row in family.rows:
            if row.member is None:
                continue
            if row.member.tax_code:
                by_code.setdefault(row.member.tax_code, []).append((family, row))
            elif row.match_key in seen:
                row.errors.append(
                    _("{name}, born on {born}, is already on line {line} of this family.").format(
                        name=f"{row.member.last_name} {row.member.first_name}",
                        born=format_date(row.member.birth_date) or "-",
                        line=seen[row.match_key].source.line,
                    )
                )
            else:
                seen[row.match_key] = row
    for code, places in by_code.items():
        if len(places) > 1:
            _duplicate_code(code, places)


def _duplicate_code(code: str, places: list[tuple[FamilyDraft, RowDraft]]) -> None:
    """Twice in a family: the later rows are refused. In two families: both are refused,
    each naming the other's line (which one is right is for the operator to say)."""
    firsts: dict[int, RowDraft] = {}
    for family, row in places:
        if id(family) in firsts:
            row.errors.append(
                _("Tax code {code} is entered twice in this family.").format(code=code)
            )
        else:
            firsts[id(family)] = row
    entries = [(family, row) for family, row in places if firsts[id(family)] is row]
    if len(entries) < 2:
        return
    for family, row in entries:
        other_family, other = next((f, r) for f, r in entries if f is not family)
        row.errors.append(
            _("Tax code {code} is also on line {line} (family {family}) of this file.").format(
                code=code, line=other.source.line, family=other_family.key
            )
        )


def _build_family(family: FamilyDraft, reader: RowReader) -> None:
    values = family.values
    comune = values.get("comune_residenza", (None, "", 0))[0]
    first = next(
        (r for r in family.rows if r.member and r.member.relation == "parent"), family.rows[0]
    )
    draft = FamilyInput(
        name=str(values.get("nome_famiglia", ("", "", 0))[0]) or first.surname,
        address=str(values.get("indirizzo", ("", "", 0))[0]),
        postal_code=str(values.get("cap", ("", "", 0))[0]),
        comune_name=comune.name if comune else "",  # type: ignore[attr-defined]
        comune_code=comune.cadastral_code if comune else "",  # type: ignore[attr-defined]
        phone=str(values.get("telefono_famiglia", ("", "", 0))[0]),
        email=str(values.get("email_famiglia", ("", "", 0))[0]),
        isee_value=values.get("isee", (None, "", 0))[0],  # type: ignore[arg-type]
        isee_expiry=values.get("isee_scadenza", (None, "", 0))[0],  # type: ignore[arg-type]
        notes=str(values.get("note_famiglia", ("", "", 0))[0]),
        external_key=family.key,
        resident_since=values.get("residente_dal", (None, "", 0))[0],  # type: ignore[arg-type]
    )
    try:
        family.family = clean_family(draft)
    except ValidationError as exc:
        column = _FAMILY_FIELD_COLUMNS.get(exc.field, "")
        line = values[column][2] if column in values else family.rows[0].source.line
        row = next(r for r in family.rows if r.source.line == line)
        row.errors.append(exc.message)
