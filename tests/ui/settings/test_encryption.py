"""The "Encryption at rest" settings box and the unlock dialog at start."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from familydesk.db import encryption, encryption_convert
from familydesk.ui.settings.encryption import EncryptionBox
from familydesk.ui.shell.unlock import UnlockDialog, unlock_at_start
from familydesk.ui.widgets.page import PageContext
from tests.helpers import open_signed

pytestmark = pytest.mark.usefixtures("quick_kdf")
requires_sqlcipher = pytest.mark.skipif(
    not encryption.available()[0], reason="the sqlcipher3 module is not installed here"
)


def test_box_tells_admins_how_to_encrypt(context: PageContext, qtbot: QtBot) -> None:
    box = EncryptionBox(context)
    qtbot.addWidget(box)
    if context.runner.database.backend.name == "sqlite" and encryption.available()[0]:
        assert box.isEnabled() and "not encrypted" in box.state.text()
        assert "familydesk encrypt" in box.how.text()
        context.runner.database.role = "reception"
        box.retranslate_ui()
        assert box.how.text() == ""
    else:
        assert "encryption" in box.state.text().lower() or "sqlcipher3" in box.state.text()


@pytest.mark.sqlite_only
def test_box_is_disabled_with_the_reason_without_the_module(
    context: PageContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encryption, "available", lambda: (False, "sqlcipher3 is missing here"))
    box = EncryptionBox(context)
    qtbot.addWidget(box)
    assert not box.isEnabled()
    assert box.state.text() == "sqlcipher3 is missing here"
    box.grab().save("/tmp/encryption-box-disabled.png")


@requires_sqlcipher
@pytest.mark.sqlite_only
def test_unlock_dialog_refuses_a_wrong_passphrase_then_unlocks(
    db_location: str, qtbot: QtBot
) -> None:
    recovery = encryption_convert.encrypt_database(db_location, "frase segreta lunga")
    encryption.forget_keys()
    dialog = UnlockDialog(db_location)
    qtbot.addWidget(dialog)
    dialog.secret.setText("sbagliata")
    dialog.submit()
    assert "not right" in dialog.error.text() and dialog.result() == 0
    assert encryption.known_key(db_location) is None
    dialog.secret.setText(recovery)
    dialog.submit()
    assert dialog.result() == 1 and encryption.known_key(db_location) is not None
    dialog.grab().save("/tmp/unlock-dialog.png")
    database = open_signed(db_location)
    try:
        assert database.encrypted
    finally:
        database.dispose()


@requires_sqlcipher
@pytest.mark.sqlite_only
def test_start_uses_the_environment_and_smoke_never_asks(
    db_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    encryption_convert.encrypt_database(Path(db_location), "frase segreta lunga")
    encryption.forget_keys()
    with pytest.raises(encryption.LockedDatabaseError):
        unlock_at_start(db_location, demo=False, smoke=True)
    monkeypatch.setenv("FAMILYDESK_DB_PASSPHRASE", "frase segreta lunga")
    assert unlock_at_start(db_location, demo=False, smoke=True)
    assert encryption.known_key(db_location) is not None
