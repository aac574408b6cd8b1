"""Exporting groups for funders and the Piano di Zona: attendance records and figures.

- ``export_attendance``: one row per participant and session that can be
  marked or was marked (sessions held, people enrolled that day), with the
  mark (empty when none was recorded). People appear by uid, sex and birth
  year only: no names.
- ``export_groups``: one row per group with a session held in the period,
  every field of :class:`familydesk.groups.figures.GroupFigures`.

CSV speaks like the other exports (``;``, UTF-8 with a BOM, Italian column
names, dd/mm/yyyy dates, decimal commas); JSON has ISO dates and numbers. Both
need ``EXPORT`` and are audited (group uid, period, count): run them as writes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.registry import Person
from familydesk.groups.attendance import attendance_grid
from familydesk.groups.catalog import get_group
from familydesk.groups.figures import GroupFigures, period_figures
from familydesk.i18n import _
from familydesk.kernel.errors import ValidationError
from familydesk.kernel.tabular import Exported, check_period, write_csv, write_export
from familydesk.kernel.text import hhmm
from familydesk.trust import audit, permissions

log = logging.getLogger(__name__)

FORMATS = ("csv", "json")
ATTENDANCE_COLUMNS = (
    "gruppo_uid",
    "persona_uid",
    "famiglia_uid",
    "sesso",
    "anno_nascita",
    "minore",
    "incontro",
    "data",
    "ora_inizio",
    "ore",
    "presenza",
)
#: Italian column names of the figures, in the order of GroupFigures' fields.
FIGURE_COLUMNS = {
    "group_id": "gruppo_id",
    "group_uid": "gruppo_uid",
    "title": "titolo",
    "kind": "tipo",
    "comune": "comune",
    "sessions_planned": "incontri_previsti",
    "sessions_held": "incontri_svolti",
    "hours_delivered": "ore_erogate",
    "people_reached": "persone_raggiunte",
    "families_reached": "famiglie_raggiunte",
    "present_marks": "presenze",
    "recorded_marks": "presenze_registrate",
    "attendance_rate": "tasso_presenza",
    "enrolled": "iscritti",
    "completed": "completati",
    "completion_rate": "tasso_completamento",
    "waiting": "lista_attesa",
}


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValidationError("format", _("Format: csv or json."))


def _decimal(value: float | None) -> str:
    """``1,5`` for CSV (as the family export writes amounts); empty for None."""
    return "" if value is None else f"{round(value, 4):g}".replace(".", ",")


def attendance_rows(session: Session, group_id: int) -> list[dict[str, object]]:
    """The rows of ``export_attendance`` as documents (JSON names, ISO dates)."""
    group = get_group(session, group_id)
    grid = attendance_grid(session, group_id)
    ids = [p.person_id for p in grid.participants if p.person_id is not None]
    people = {
        row[0]: row[1:]
        for row in session.execute(
            select(Person.id, Person.sex, Person.birth_date, Person.birth_year).where(
                Person.id.in_(ids)
            )
        )
    }
    pairs = grid.markable | set(grid.marks)
    rows = []
    for s in grid.sessions:
        for p in grid.participants:
            if (p.id, s.id) not in pairs:
                continue
            sex, born, year = people.get(p.person_id or 0, ("", None, None))
            rows.append(
                {
                    "group_uid": group.uid,
                    "person_uid": p.person_uid or None,
                    "family_uid": p.family_uid or None,
                    "sex": sex or None,
                    "birth_year": born.year if born else year,
                    "minor": p.is_child,
                    "session": s.number,
                    "date": s.starts_at.date().isoformat(),
                    "start": hhmm(s.starts_at),
                    "hours": round(s.hours, 2),
                    "mark": grid.marks.get((p.id, s.id)),
                }
            )
    return rows


def _attendance_csv(rows: list[dict[str, object]]) -> list[list[object]]:
    return [
        [
            r["group_uid"],
            r["person_uid"] or "",
            r["family_uid"] or "",
            r["sex"] or "",
            r["birth_year"] or "",
            "sì" if r["minor"] else "no",
            r["session"],
            date.fromisoformat(str(r["date"])).strftime("%d/%m/%Y"),
            r["start"],
            _decimal(r["hours"]),
            r["mark"] or "",  # type: ignore[arg-type]
        ]
        for r in rows
    ]


def export_attendance(
    session: Session,
    group_id: int,
    fmt: str,
    path: Path | None = None,
    stream: IO[str] | None = None,
) -> Exported:
    """The attendance records of a group, one row per participant and session, written as
    ``fmt`` to ``path`` (atomically) or ``stream``; no names."""
    permissions.require(session, permissions.EXPORT)
    _check(fmt)
    rows = attendance_rows(session, group_id)

    def produce(fh: IO[str], lineterminator: str) -> int:
        if fmt == "csv":
            return write_csv(_attendance_csv(rows), fh, lineterminator, header=ATTENDANCE_COLUMNS)
        json.dump(rows, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
        return len(rows)

    uid = get_group(session, group_id).uid
    audit.record(
        session,
        "export",
        note=f"group attendance {fmt}: {len(rows)}",
        table_name="parent_group",
        record_uid=uid,
    )
    session.flush()
    exported = write_export(fmt, Path(path) if path else None, stream, produce)
    log.info("Exported %d attendance rows of group %s as %s", exported.count, group_id, fmt)
    return exported


def _figure_cells(f: GroupFigures, first: date, last: date) -> list[object]:
    cells: list[object] = [first.strftime("%d/%m/%Y"), last.strftime("%d/%m/%Y")]
    for field in fields(GroupFigures):
        value = getattr(f, field.name)
        cells.append(
            _decimal(value) if isinstance(value, float) or field.name.endswith("_rate") else value
        )
    return cells


def export_groups(
    session: Session,
    first: date,
    last: date,
    fmt: str,
    path: Path | None = None,
    stream: IO[str] | None = None,
) -> Exported:
    """The figures of every group with a session held from ``first`` to ``last`` (both
    included), one row per group, written as ``fmt`` to ``path`` or ``stream``."""
    permissions.require(session, permissions.EXPORT)
    _check(fmt)
    check_period(first, last)
    figures = period_figures(session, first, last)

    def produce(fh: IO[str], lineterminator: str) -> int:
        if fmt == "csv":
            header = ["dal", "al", *(FIGURE_COLUMNS[f.name] for f in fields(GroupFigures))]
            rows = [_figure_cells(g, first, last) for g in figures.groups]
            return write_csv(rows, fh, lineterminator, header=header)
        documents = [
            {"first_day": first.isoformat(), "last_day": last.isoformat(), **asdict(g)}
            for g in figures.groups
        ]
        json.dump(documents, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
        return len(documents)

    audit.record(
        session,
        "export",
        note=f"groups {fmt} {first}..{last}: {len(figures.groups)}",
        table_name="parent_group",
    )
    session.flush()
    exported = write_export(fmt, Path(path) if path else None, stream, produce)
    log.info("Exported the figures of %d groups as %s", exported.count, fmt)
    return exported
