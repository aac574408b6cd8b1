"""The import dialog: preview with each row's status, import with progress, summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from familydesk.db.database import Database
from familydesk.registry import count_families
from familydesk.ui.families.import_dialog import ImportFamiliesDialog
from familydesk.ui.widgets.page import PageContext
from tests.transfer import BIANCHI_ANNA, ROSSI_LUCA, ROSSI_MARIO, write_csv

ROWS = [
    "famiglia;cognome;nome;codice_fiscale;comune_residenza",
    f"1;Rossi;Mario;{ROSSI_MARIO};Suzzara",
    f"1;Rossi;Luca;{ROSSI_LUCA};",
    f"2;Bianchi;Anna;{BIANCHI_ANNA[:-1]}X;Atlantide",
]


@pytest.fixture
def dialog(context: PageContext, qtbot: QtBot) -> ImportFamiliesDialog:
    widget = ImportFamiliesDialog(context.runner)
    qtbot.addWidget(widget)
    return widget


def cells(dialog: ImportFamiliesDialog, column: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_preview_then_import(
    dialog: ImportFamiliesDialog, database: Database, tmp_path: Path, qtbot: QtBot
) -> None:
    assert not dialog.import_button.isEnabled()
    assert dialog.counts.text() == "Choose a file to see what will be imported."
    path = write_csv(tmp_path / "famiglie.csv", ROWS)
    dialog.load_file(path)
    assert cells(dialog, 0) == ["2", "3", "4"]
    assert cells(dialog, 5) == ["will be imported", "will be imported", "rejected"]
    assert "wrong check character" in cells(dialog, 6)[2]
    assert dialog.model.data(dialog.model.index(2, 2), Qt.ItemDataRole.ForegroundRole) is not None
    assert dialog.counts.text() == (
        "Families to import: 1 (people: 2); already in the registry: 0; "
        "rows rejected, not imported: 1."
    )
    assert database.read(count_families) == 0, "the preview writes nothing"
    assert not (tmp_path / "famiglie_errori.csv").exists()
    assert dialog.import_button.isEnabled()

    steps: list[int] = []
    dialog.progress.valueChanged.connect(steps.append)
    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert signal.args[0].families_new == 1
    assert database.read(count_families) == 1
    assert dialog.progress.isVisible() or dialog.progress.value() == dialog.progress.maximum()
    assert steps and steps[-1] == dialog.progress.maximum()
    assert cells(dialog, 5) == ["imported", "imported", "rejected"]
    assert dialog.counts.text().startswith("Families imported: 1 (people: 2);")
    assert (
        dialog.report.text()
        == f"Rejected rows and their reasons: {tmp_path / 'famiglie_errori.csv'}"
    )
    assert (tmp_path / "famiglie_errori.csv").exists()
    assert not dialog.import_button.isEnabled(), "the same file is not imported twice by a click"


def test_progress_reaches_the_bar_through_a_signal(
    dialog: ImportFamiliesDialog, tmp_path: Path, qtbot: QtBot
) -> None:
    dialog.load_file(write_csv(tmp_path / "f.csv", ROWS[:3]))
    seen: list[tuple[int, int]] = []
    original = dialog._on_progress

    def spy(done: int, total: int) -> None:
        seen.append((done, total))
        original(done, total)

    dialog._on_progress = spy  # type: ignore[method-assign]
    dialog.start_import()
    assert seen and seen[-1] == (4, 4)
    assert (dialog.progress.value(), dialog.progress.maximum()) == (1, 1)


def test_an_unusable_file_is_explained(dialog: ImportFamiliesDialog, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", ["Cognome;Nome", "Rossi;Mario"])
    dialog.load_file(path)
    assert not dialog.error_label.isHidden()
    assert dialog.error_label.text() == (
        "f.csv has no column for: famiglia (the header row must name them)."
    )
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_texts_follow_the_language(
    dialog: ImportFamiliesDialog, context: PageContext, tmp_path: Path
) -> None:
    dialog.load_file(write_csv(tmp_path / "f.csv", ROWS[:2]))
    context.language.apply("it")
    dialog.retranslate_ui()
    assert dialog.windowTitle() == "Importa famiglie"
    assert dialog.import_button.text() == "Importa"
    assert dialog.model.headerData(5, Qt.Orientation.Horizontal) == "Stato"
    assert cells(dialog, 5) == ["sarà importata"]
    assert dialog.counts.text().startswith("Famiglie da importare: 1")


def test_closing_waits_for_a_running_import(dialog: ImportFamiliesDialog) -> None:
    dialog.show()
    dialog._set_busy(True)
    dialog.reject()
    assert dialog.isVisible()
    dialog._set_busy(False)
    dialog.reject()
    assert not dialog.isVisible()


def test_with_the_threaded_runner_progress_arrives_on_the_gui_thread(
    database: Database, context: PageContext, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QCoreApplication, QThread

    from familydesk.ui.shell.runner import Runner

    runner = Runner(database)
    dialog = ImportFamiliesDialog(runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        dialog.load_file(write_csv(tmp_path / "f.csv", ROWS))
    threads: list[bool] = []
    original = dialog._on_progress

    def spy(done: int, total: int) -> None:
        threads.append(QThread.currentThread() is QCoreApplication.instance().thread())
        original(done, total)

    dialog._on_progress = spy  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.start_import()
    runner.wait()
    assert database.read(count_families) == 1
    assert threads and all(threads)


def test_stop_import_mid_way_adds_no_family(
    dialog: ImportFamiliesDialog,
    database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stopped after the first batch was written: the whole import rolls back."""
    from familydesk.transfer import importer

    monkeypatch.setattr(importer, "BATCH", 1)  # a batch per family: a progress step each
    path = write_csv(
        tmp_path / "famiglie.csv",
        [
            ROWS[0] + ";sesso;motivo_senza_codice",
            *(f"{n};Rossi{chr(65 + n)};Mario;;Suzzara;M;in attesa" for n in range(1, 6)),
        ],
    )
    dialog.show()
    dialog.load_file(path)
    assert dialog.summary is not None and dialog.summary.families_new == 5
    steps: list[int] = []

    def step(done: int, total: int) -> None:
        steps.append(done)
        if len(steps) == 3:  # part way through the writing: the operator presses Stop
            assert dialog.importing and dialog.stop_button.isVisible()
            dialog.stop_button.click()

    monkeypatch.setattr(dialog, "_on_progress", step)
    imported: list[object] = []
    dialog.imported.connect(imported.append)
    dialog.start_import()
    assert database.read(count_families) == 0 and imported == []
    assert dialog.error_label.text() == "Import stopped: nothing of the file was imported."
    assert not dialog.importing and not dialog.stop_button.isVisible()
    assert dialog.close_button.isEnabled()
