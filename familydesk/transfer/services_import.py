"""Importing the directory from a spreadsheet: one row per service, written through
``directory.editing`` (which checks every field), in the caller's unit of work.

An organisation is matched by tax code, else by folded name and comune; a service by
uid, else by folded name, organisation and comune. A row already as the directory has
it changes nothing ("unchanged"), so re-importing a file is harmless. A rejected row
writes nothing (each row runs in a savepoint); ``dry_run`` rolls everything back.
Needs ``IMPORT`` and ``SETTINGS``.
"""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from familydesk.db.models.directory import DirectoryService
from familydesk.db.models.frontdesk import Need
from familydesk.directory import editing
from familydesk.directory.matching import match_referrals
from familydesk.directory.records import (
    OrganisationRow,
    ServiceRow,
    list_organisations,
    list_services,
)
from familydesk.frontdesk.needs import NEED_NAMES, need_words
from familydesk.i18n import _, catalogue
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.text import fold, name_key
from familydesk.transfer.places import ComuneFinder
from familydesk.transfer.reading import SourceRow, SourceTable
from familydesk.transfer.report import write_report
from familydesk.transfer.services_columns import (
    BY_NAME,
    ORGANISATION_FIELD_COLUMNS,
    SERVICE_FIELD_COLUMNS,
)
from familydesk.transfer.services_reading import read_services_table
from familydesk.transfer.services_records import (
    NEW,
    REJECTED,
    UNCHANGED,
    UPDATED,
    ServiceOutcome,
    ServicesImportSummary,
)
from familydesk.transfer.services_values import (
    read_access,
    read_age,
    read_kind,
    read_languages,
    split_needs,
)
from familydesk.transfer.values import read_date, read_yes_no, text
from familydesk.trust import permissions


def after_import(session: Session) -> int:
    """After a (non dry-run) import: free-text referrals recorded before these services
    were in the directory are matched to them where the names agree (their text is
    kept). Returns how many were matched."""
    return match_referrals(session)


def import_services_file(
    session: Session, path: Path | str, *, dry_run: bool = False, report: bool = True
) -> ServicesImportSummary:
    return import_services_table(session, read_services_table(path), dry_run=dry_run, report=report)


def preview_services_file(session: Session, path: Path | str) -> ServicesImportSummary:
    """What importing ``path`` would do row by row; writes nothing (run it as a write)."""
    return import_services_file(session, path, dry_run=True, report=False)


def import_services_table(
    session: Session, table: SourceTable, *, dry_run: bool = False, report: bool = True
) -> ServicesImportSummary:
    """Check and write every row; never commits. The report of rejected rows is written
    beside the file when ``report`` is set and some row was rejected."""
    permissions.require(session, permissions.IMPORT)
    permissions.require(session, permissions.SETTINGS)
    importer = _Importer(session, table)
    outer = session.begin_nested() if dry_run else None
    outcomes = tuple(importer.row(row) for row in table.rows)
    matched = 0
    if outer is not None:
        outer.rollback()
    else:
        matched = after_import(session)
    rejected = [o for o in outcomes if o.status == REJECTED]
    path = write_report(table, rejected) if report and rejected else None  # type: ignore[arg-type]
    count = {s: sum(1 for o in outcomes if o.status == s) for s in (NEW, UPDATED, UNCHANGED)}
    return ServicesImportSummary(
        rows=outcomes,
        new=count[NEW],
        updated=count[UPDATED],
        unchanged=count[UNCHANGED],
        rejected=len(rejected),
        referrals_matched=matched,
        organisations_new=importer.organisations_new,
        organisations_updated=importer.organisations_updated,
        dry_run=dry_run,
        report_path=path,
        ignored_columns=tuple(table.ignored),
    )


def _place_key(code: str, name: str) -> str:
    return code or fold(name)


class _Importer:
    def __init__(self, session: Session, table: SourceTable) -> None:
        self.session, self.table = session, table
        self.comuni = ComuneFinder()
        self.by_tax: dict[str, OrganisationRow] = {}
        self.by_name: dict[tuple[str, str], OrganisationRow] = {}
        for organisation in list_organisations(session):
            self._know(organisation)
        self.by_uid: dict[str, ServiceRow] = {}
        self.by_service: dict[tuple[str, int, str], ServiceRow] = {}
        for service in list_services(session, active_only=False):
            self._know_service(service)
        self.needs = self._need_words()
        self.seen_org: dict[int, int] = {}
        self.seen_service: dict[int, int] = {}
        self.organisations_new = self.organisations_updated = 0

    def _know(self, o: OrganisationRow) -> None:
        if o.tax_code:
            self.by_tax[o.tax_code] = o
        self.by_name[(name_key(o.name), _place_key(o.comune_code, o.comune_name))] = o

    def _know_service(self, s: ServiceRow) -> None:
        self.by_uid[s.uid] = s
        place = _place_key(s.place_comune_code, s.place_comune)
        self.by_service[(name_key(s.name), s.organisation.id, place)] = s

    def _need_words(self) -> dict[str, int]:
        italian = catalogue("it")
        table: dict[str, int] = {}
        for need in self.session.query(Need):
            builtin = NEED_NAMES.get(need.key, need.key)
            for word in (need.key, need.name, need_words(need.key, need.name), builtin):
                if word:
                    table[fold(word)] = need.id
            table[fold(italian.gettext(builtin))] = need.id
        return table

    def header(self, column: str) -> str:
        index = self.table.columns.get(column)
        return self.table.headers[index] if index is not None else column

    def row(self, row: SourceRow) -> ServiceOutcome:
        problems: list[tuple[str, str]] = []
        cells = {c: self.table.value(row, c) for c in self.table.columns}
        values: dict[str, object] = {}
        for column, cell in cells.items():
            try:
                values[column] = self._read(column, cell)
            except ValueError as exc:
                problems.append((self.header(column), str(exc)))
        org_name, name = text(cells.get("organizzazione")), text(cells.get("servizio"))
        if problems:
            return ServiceOutcome(row.line, org_name, name, REJECTED, tuple(problems))
        self._places(values, problems)
        if problems:
            return ServiceOutcome(row.line, org_name, name, REJECTED, tuple(problems))
        known = (dict(self.by_tax), dict(self.by_name), dict(self.seen_org))
        counts = (self.organisations_new, self.organisations_updated)
        savepoint = self.session.begin_nested()
        try:
            status = self._write(row.line, values)
        except ValidationError as exc:
            savepoint.rollback()  # and forget the organisation it may have added
            self.by_tax, self.by_name, self.seen_org = known
            self.organisations_new, self.organisations_updated = counts
            return ServiceOutcome(row.line, org_name, name, REJECTED, self._columns(exc))
        savepoint.commit()
        return ServiceOutcome(row.line, org_name, name, status)

    def _read(self, column: str, cell: object) -> object:
        header = self.header(column)
        if column in ("tipo_organizzazione",):
            return read_kind(cell, header)
        if column == "accesso":
            return read_access(cell, header)
        if column == "lingue":
            return read_languages(cell, header)
        if column in ("eta_da", "eta_a"):
            return read_age(cell, header)
        if column == "verificato_il":
            return read_date(cell, header)
        if column in ("tutto_ambito", "attivo", "organizzazione_attiva"):
            return None if not text(cell) else read_yes_no(cell, header)
        if column == "bisogni":
            ids, unknown = [], []
            for word in split_needs(cell):
                need = self.needs.get(fold(word))
                (unknown.append(word) if need is None else ids.append(need))
            if unknown:
                raise ValueError(
                    _("{column}: {values} is not a need of the list.").format(
                        column=header, values=", ".join(f"“{u}”" for u in unknown)
                    )
                )
            return tuple(dict.fromkeys(ids))
        return text(cell)

    def _places(self, values: dict[str, object], problems: list[tuple[str, str]]) -> None:
        for name_col, code_col in (
            ("comune_organizzazione", "codice_comune_organizzazione"),
            ("comune", "codice_comune"),
        ):
            name, code = str(values.get(name_col) or ""), str(values.get(code_col) or "")
            if not (name or code):
                continue
            try:
                info = self.comuni.find(name, code, self.header(name_col), self.header(code_col))
            except ValueError as exc:
                problems.append((self.header(name_col), str(exc)))
                continue
            values[name_col] = name or info.name
            values[code_col] = info.cadastral_code

    def _columns(self, exc: ValidationError) -> tuple[tuple[str, str], ...]:
        found = []
        for field, message in exc.errors:
            column = SERVICE_FIELD_COLUMNS.get(field) or ORGANISATION_FIELD_COLUMNS.get(field, "")
            if field.startswith("organisation."):
                column = ORGANISATION_FIELD_COLUMNS.get(field.split(".", 1)[1], "")
            found.append((self.header(column) if column else "", message))
        return tuple(found)

    def _fields(self, values: dict[str, object], organisation: bool) -> dict[str, object]:
        return {
            BY_NAME[c].field: v
            for c, v in values.items()
            if BY_NAME[c].organisation == organisation and v is not None and c != "uid"
        }

    def _organisation(self, line: int, values: dict[str, object]) -> OrganisationRow:
        given = self._fields(values, True)
        tax = "".join(str(given.get("tax_code", "")).split()).upper()
        place = _place_key(str(given.get("comune_code", "")), str(given.get("comune_name", "")))
        found = self.by_tax.get(tax) if tax else None
        found = found or self.by_name.get((name_key(str(given.get("name", ""))), place))
        stated = any(v not in ("", None) for f, v in given.items() if f not in ("name", "tax_code"))
        if found is not None and (not stated or found.id in self.seen_org):
            self.seen_org.setdefault(found.id, line)
            return found
        base = editing.OrganisationInput(name="")
        if found is not None:
            keep = {
                f.name: getattr(found, f.name)
                for f in dataclasses.fields(base)
                if f.name not in ("id", "version")
            }
            base = editing.OrganisationInput(**keep, id=found.id, version=found.version)
        data = dataclasses.replace(base, **given)
        if found is not None and data == base:
            self.seen_org[found.id] = line
            return found
        try:
            saved = editing.save_organisation(self.session, data)
        except ValidationError as exc:
            raise ValidationError(
                "organisation." + exc.errors[0][0],
                exc.errors[0][1],
                tuple(("organisation." + f, m) for f, m in exc.errors[1:]),
            ) from None
        if found is None:
            self.organisations_new += 1
        else:
            self.organisations_updated += 1
        self._know(saved)
        self.seen_org[saved.id] = line
        return saved

    def _write(self, line: int, values: dict[str, object]) -> str:
        organisation = self._organisation(line, values)
        given = self._fields(values, False)
        uid = str(values.get("uid") or "")
        place = _place_key(
            str(given.get("comune_code") or organisation.comune_code),
            str(given.get("comune_name") or organisation.comune_name),
        )
        found = self.by_uid.get(uid) if uid else None
        found = found or self.by_service.get(
            (name_key(str(given.get("name", ""))), organisation.id, place)
        )
        if found is not None and found.id in self.seen_service:
            raise ValidationError(
                "name",
                _("Service: the same service as row {line}.").format(
                    line=self.seen_service[found.id]
                ),
            )
        base = editing.ServiceInput(organisation_id=organisation.id, name="")
        if found is not None:
            keep = {
                f.name: getattr(found, f.name)
                for f in dataclasses.fields(base)
                if f.name not in ("id", "version", "organisation_id")
            }
            base = editing.ServiceInput(
                **keep, organisation_id=found.organisation.id, id=found.id, version=found.version
            )
        data = dataclasses.replace(base, **given, organisation_id=organisation.id)
        if found is not None and data == base:
            self.seen_service[found.id] = line
            return UNCHANGED
        saved = editing.save_service(self.session, data)
        if found is None and uid:
            self._adopt_uid(saved, uid)
        self.seen_service[saved.id] = line
        self._know_service(saved)
        return NEW if found is None else UPDATED

    def _adopt_uid(self, saved: ServiceRow, uid: str) -> None:
        """A new service keeps the uid the file gives it (the same service in every copy)."""
        try:
            value = uuid.UUID(uid)
        except ValueError:
            raise ValidationError(
                "uid", _("uid: “{value}” is not a FamilyDesk uid.").format(value=uid)
            ) from None
        self.session.get(DirectoryService, saved.id).uid = value
        self.session.flush()
