"""Writes to a FamilyDesk database until killed (run by tests/db/test_crash_safety.py).

    python -m tests.crash.worker DB MODE SEED

MODE ``writes``: one family with ``MEMBERS`` members per transaction, its
external key ``w<seed>-<n>``. MODE ``import``: imports CSV files of ``FAMILIES``
families each, every family keyed ``i<seed>-<n>-<k>``. Each operation is all
or nothing: the checker counts members per key and families per import.
"""

from __future__ import annotations

import sys
from pathlib import Path

from familydesk.db.actor import Actor
from familydesk.db.database import Database
from familydesk.registry import FamilyInput, MemberInput, create_family
from familydesk.trust.opening import open_database

MEMBERS = 3
FAMILIES = 40


def _member(n: int, k: int) -> MemberInput:
    return MemberInput(
        first_name=f"Nome{k}",
        last_name=f"Crash{n}",
        sex="F",
        relation="parent" if k == 0 else "child",
        no_code_reason="prova di robustezza",
    )


def writes(database: Database, seed: str) -> None:
    n = 0
    while True:
        family = FamilyInput(name=f"Crash{n}", external_key=f"w{seed}-{n}")
        database.write(create_family, family, [_member(n, k) for k in range(MEMBERS)])
        n += 1


def imports(database: Database, seed: str, folder: Path) -> None:
    from familydesk.transfer import import_table, read_table

    n = 0
    while True:
        path = folder / f"import-{seed}-{n}.csv"
        lines = ["famiglia;cognome;nome;sesso;ruolo;motivo_senza_codice"]
        for k in range(FAMILIES):
            for m in range(2):
                lines.append(f"i{seed}-{n}-{k};Import{n};Nome{k}{m};F;genitore;prova")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        database.write(import_table, read_table(path))
        n += 1


def main() -> None:
    location, mode, seed = sys.argv[1], sys.argv[2], sys.argv[3]
    database = open_database(location, actor=Actor("crash-harness", "admin"))
    print("ready", flush=True)
    if mode == "writes":
        writes(database, seed)
    else:
        imports(database, seed, Path(location).parent)


if __name__ == "__main__":
    main()
