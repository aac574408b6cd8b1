"""An import can be stopped part way (from another thread): it rolls back whole."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from familydesk.db.database import Database
from familydesk.transfer import importer
from familydesk.transfer.importer import ImportCancelled
from tests.transfer import TODAY, family_count, write_csv


def test_stopping_after_some_families_were_written_leaves_none(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH", 2)
    path = write_csv(
        tmp_path / "f.csv",
        [
            "famiglia;cognome;nome;sesso;motivo_senza_codice",
            *(f"{n};Rossi{chr(65 + n)};Mario;M;in attesa" for n in range(1, 9)),
        ],
    )
    cancel = threading.Event()
    written: list[int] = []

    def progress(done: int, total: int) -> None:
        written.append(done)
        if done > 8 and not cancel.is_set():  # writing has begun: the first batch is in
            cancel.set()

    with pytest.raises(ImportCancelled, match="nothing of the file was imported"):
        database.write(importer.import_file, path, progress=progress, cancel=cancel, today=TODAY)
    assert family_count(database) == 0
    assert max(written) < 16, "stopped before the end"


def test_without_a_stop_the_import_runs_to_the_end(database: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        ["famiglia;cognome;nome;sesso;motivo_senza_codice", "1;Rossi;Mario;M;in attesa"],
    )
    summary = database.write(importer.import_file, path, cancel=threading.Event(), today=TODAY)
    assert summary.families_new == 1 and family_count(database) == 1
