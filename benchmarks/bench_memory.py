"""Memory with the large database (the front desk benchmark's: 50,000 families, 500,000
contacts, 200,000 appointments, 19,376 cards): the whole app opened offscreen, each page
of the navigation shown in turn (each tab of a page with tabs), every list on it scrolled
to its end, page after page as it fetches more; then the peak resident memory of the
process (``ru_maxrss``) and what it still holds at the end (``VmRSS``).

A whole process of its own (``python benchmarks/bench_memory.py --child DATABASE``), so
nothing measured before counts; ``--child DATABASE --trace`` adds, from ``tracemalloc``,
the Python allocations still held at the end by the lines that made them (slower: a
profile, not a figure). Target (issue 15): <= 250 MiB. An administrator is
signed in (every page available); the runner is the tests' synchronous one, so each page
of rows is in the list before the next scroll.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Scrolls of one list at most (50,000 families at 200 a page: 250).
MAX_FETCHES = 1_000


def _rss_mib() -> float:
    """What the process holds now (VmRSS), in MiB."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _scroll_to_end(view, app) -> int:  # type: ignore[no-untyped-def]
    """Scroll ``view`` to its end until its model has nothing more to fetch; rows shown."""
    from PySide6.QtCore import QModelIndex

    model = view.model()
    if model is None:
        return 0
    for _ in range(MAX_FETCHES):
        view.scrollToBottom()
        app.processEvents()
        if not model.canFetchMore(QModelIndex()):
            break
        model.fetchMore(QModelIndex())
        app.processEvents()
    return model.rowCount()


def _visit(page, app) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Every list of ``page``, each tab shown in turn: {list's object name: rows}."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTabWidget

    shown: dict[str, int] = {}
    tabs = page.findChildren(QTabWidget)
    for tab_widget in tabs or [None]:
        for index in range(tab_widget.count() if tab_widget else 1):
            if tab_widget is not None:
                tab_widget.setCurrentIndex(index)
                app.processEvents()
            for view in page.findChildren(QAbstractItemView):
                if view.isVisible() and not isinstance(view, QHeaderView):
                    name = view.objectName() or type(view).__name__
                    shown[name] = max(shown.get(name, 0), _scroll_to_end(view, app))
    return shown


def child(location: str, trace: bool = False) -> dict[str, object]:
    """In the measured process: open the app on ``location``, visit every page."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if trace:
        import tracemalloc

        tracemalloc.start()
    from PySide6.QtWidgets import QApplication

    from benchmarks import open_signed
    from familydesk.ui.shell.app import configure_settings_storage
    from familydesk.ui.shell.language import LanguageManager
    from familydesk.ui.shell.main_window import NAVIGATION, MainWindow
    from familydesk.ui.shell.runner import SyncRunner
    from familydesk.ui.widgets.page import PageContext

    app = QApplication.instance() or QApplication([])
    configure_settings_storage()
    database = open_signed(location)
    language = LanguageManager()
    language.apply("en")
    runner = SyncRunner(database)
    window = MainWindow(PageContext(runner=runner, language=language), database.describe())
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    start = time.perf_counter()
    lists: dict[str, int] = {}
    after: dict[str, float] = {"window": _rss_mib()}
    visited: set[int] = set()
    for entry in NAVIGATION:
        page = window.show_page(entry.key)  # a page the role may not use: the first page
        if id(page) in visited:
            continue
        visited.add(id(page))
        app.processEvents()
        for name, rows in _visit(page, app).items():
            if rows:
                lists[f"{entry.key}/{name}"] = rows
        after[entry.key] = _rss_mib()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "peak_mib": peak,
        "end_mib": _rss_mib(),
        "seconds": seconds,
        "lists": lists,
        "after": after,
    }
    if trace:
        result["held"] = _held()
    window.close()
    runner.shutdown()
    database.dispose()
    return result


def _held(top: int = 25) -> list[str]:
    """The lines whose allocations are still held (tracemalloc), biggest first, in MiB."""
    import gc
    import tracemalloc

    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    stats = snapshot.statistics("lineno")
    total = sum(stat.size for stat in stats)
    lines = [f"{total / 2**20:.1f} MiB held by Python objects in all"]
    for stat in stats[:top]:
        frame = stat.traceback[0]
        lines.append(
            f"{stat.size / 2**20:6.1f} MiB {stat.count:>8} {frame.filename}:{frame.lineno}"
        )
    return lines


def measure(path: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(folder: Path) -> list[tuple[str, str]]:
    """On the front desk benchmark's database (built, with its cards, by the benchmarks
    before)."""
    from benchmarks.bench_search import FAMILIES

    found = measure(folder / f"search{FAMILIES}.sqlite3")
    lists: dict[str, int] = found["lists"]  # type: ignore[assignment]
    longest = sorted(lists.items(), key=lambda item: -item[1])[:4]
    scrolled = ", ".join(f"{name} {rows:,}" for name, rows in longest)
    return [
        (
            f"Every page shown, every list scrolled to its end ({scrolled} rows): peak RSS "
            f"(at the end)",
            f"{found['peak_mib']:.0f} MiB ({found['end_mib']:.0f} MiB)",
        ),
        ("The same: time to show and scroll everything", f"{found['seconds']:.1f} s"),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2], trace="--trace" in sys.argv[3:])))
    else:
        from benchmarks import run_on_large_database

        run_on_large_database(run)
