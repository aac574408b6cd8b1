"""The directory of services at a consortium's size: SERVICES services of ORGANISATIONS
organisations, each serving two needs, spread over the member comuni.

(a) reading the whole directory: ``directory.records.list_services`` (what the desk's
    picker and the Services page read once), beside the plain SQL reading the same
    rows through the ``sqlite3`` module;
(b) one keystroke of the desk's picker: ``directory.search.suggest`` for a need in the
    family's comune with the text typed so far, beside the floor of any in-memory
    filter: one ``startswith`` per service over names folded beforehand.

Median / p99 of RUNS runs. Target: a keystroke well under 16 ms (one frame).
"""

from __future__ import annotations

import random
import sqlite3
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import open_signed  # noqa: E402
from benchmarks.bench_frontdesk import _row  # noqa: E402
from benchmarks.bench_search import _times  # noqa: E402
from familydesk.db.models.directory import (  # noqa: E402
    DirectoryService,
    DirectoryServiceNeed,
    Organisation,
)
from familydesk.db.models.frontdesk import Need  # noqa: E402
from familydesk.db.models.registry import MemberComune  # noqa: E402
from familydesk.demo.rows import RowWriter  # noqa: E402
from familydesk.directory import records, search  # noqa: E402
from familydesk.kernel.text import fold  # noqa: E402

SERVICES = 5_000
ORGANISATIONS = 1_500
RUNS = 200
#: What an operator types into "Referred to", letter by letter.
TYPED = ["c", "co", "con", "cons", "consu", "n", "ni", "nid", "nido", "caf", "asl m"]
WORDS = (
    "Consultorio familiare",
    "Asilo nido",
    "Servizi sociali",
    "Centro per l'Impiego",
    "Informagiovani",
    "Biblioteca",
    "Polisportiva",
    "Caritas",
    "Scuola dell'infanzia",
    "Sportello CAF",
)


def build(folder: Path) -> tuple[Path, str]:
    path = folder / f"directory{SERVICES}.sqlite3"
    database = open_signed(str(path))
    rng = random.Random(16)

    def fill(session) -> str:  # type: ignore[no-untyped-def]
        comuni = [
            (c.name, c.cadastral_code)
            for c in session.scalars(select(MemberComune).order_by(MemberComune.id))
        ] or [("Suzzara", "L020"), ("Pegognaga", "G417"), ("Gonzaga", "E089")]
        needs = list(session.scalars(select(Need.id)))
        writer = RowWriter(
            session,
            rng,
            (Organisation, DirectoryService, DirectoryServiceNeed),
            datetime(2026, 1, 1, tzinfo=UTC),
        )
        organisations = []
        for n in range(ORGANISATIONS):
            name, code = rng.choice(comuni)
            organisations.append(
                (
                    writer.add(
                        Organisation,
                        name=f"Ente {n} di {name}",
                        kind="third_sector",
                        tax_code="",
                        comune_name=name,
                        comune_code=code,
                        address=f"Via Roma {n}",
                        postal_code="46029",
                        phone="0376 000000",
                        email="",
                        web="",
                        notes="",
                        active=True,
                    ),
                    name,
                    code,
                )
            )
        for n in range(SERVICES):
            organisation, name, code = rng.choice(organisations)
            service = writer.add(
                DirectoryService,
                organisation_id=organisation,
                name=f"{rng.choice(WORDS)} {n} {name}",
                description="",
                comune_name=name,
                comune_code=code,
                address="",
                postal_code="",
                whole_area=rng.random() < 0.1,
                phone="",
                email="",
                web="",
                hours="lun-ven 9-12",
                age_min=None,
                age_max=None,
                audience="Famiglie con figli",
                residence="",
                cost="gratuito",
                languages="it",
                access="walk_in",
                bring="",
                contact_person="",
                checked_on=date(2026, 6, 1),
                active=True,
            )
            for position, need in enumerate(rng.sample(needs, 2)):
                writer.add(
                    DirectoryServiceNeed, service_id=service, need_id=need, position=position
                )
        writer.write()
        return comuni[0][1]

    code = database.write(fill)
    database.dispose()
    return path, code


def run(folder: Path) -> list[tuple[str, str]]:
    path, code = build(folder)
    database = open_signed(str(path))
    rows = database.read(records.list_services)
    plain = sqlite3.connect(path)
    read = _times(lambda: database.read(records.list_services), 20)
    raw_read = _times(
        lambda: (
            plain.execute(
                "SELECT s.*, o.* FROM directory_service s JOIN organisation o "
                "ON o.id = s.organisation_id ORDER BY s.name"
            ).fetchall(),
            plain.execute("SELECT * FROM directory_service_need").fetchall(),
        ),
        20,
    )
    need = rows[0].category
    folded = [fold(r.name) for r in rows]
    keystroke = _times(lambda: [search.suggest(rows, need, code, t) for t in TYPED], RUNS // 10)
    floor = _times(lambda: [[f for f in folded if f.startswith(t)] for t in TYPED], RUNS // 10)
    per = len(TYPED)
    database.dispose()
    plain.close()
    return [
        _row(f"Read the directory ({len(rows):,} services)", read, raw_read),
        _row(
            "One keystroke of the picker (suggest, need + comune + text) — startswith floor",
            (keystroke[0] / per, keystroke[1] / per),
            (floor[0] / per, floor[1] / per),
        ),
    ]


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for label, figure in run(Path(tmp)):
            print(f"| {label} | {figure} |")
