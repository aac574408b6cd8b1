"""The Qt bindings themselves: PySide6 6.12.0 drops a reference to ``True`` each time a
signal reaches a Python slot. On Python 3.11 (where ``True`` is not immortal) the count
falls with every click and list row shown, until the interpreter aborts with "bool_dealloc:
deallocating True or False" — after a few thousand families viewed, or at exit. The
version is excluded in pyproject.toml; this test catches the next binding that does it."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal


class Source(QObject):
    counted = Signal(int)
    done = Signal()


def test_delivering_signals_to_python_keeps_the_count_of_true_and_false() -> None:
    source = Source()
    seen: list[int] = []
    source.counted.connect(lambda n: seen.append(n))
    source.done.connect(seen.clear)
    gc.collect()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(200):
        source.counted.emit(n)
        source.done.emit()
    gc.collect()
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert seen == []  # both slots ran
    assert after[0] - before[0] > -50 and after[1] - before[1] > -50, (before, after)
