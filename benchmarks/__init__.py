"""Benchmarks (`make bench`): figures for the README, never timed tests."""


def open_signed(location: str):  # type: ignore[no-untyped-def]
    """The database at ``location`` with an administrator signed in (no password check):
    the services measured refuse a session nobody signed in to."""
    from familydesk.db.database import Database

    database = Database.open(location)
    database.operator, database.role = "benchmark", "admin"
    return database


def run_on_large_database(run) -> None:  # type: ignore[no-untyped-def]
    """``python benchmarks/bench_X.py [FOLDER]``: build the front desk benchmark's database in
    FOLDER (build/bench) once, then print ``run(FOLDER)``'s rows."""
    import sys
    from pathlib import Path

    from benchmarks.bench_frontdesk import build

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/bench")
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "frontdesk.done").exists():
        _path, built = build(folder)
        (folder / "frontdesk.done").write_text(
            "\n".join(f"| {a} | {b} |" for a, b in built) + "\n", encoding="utf-8"
        )
    for label, figure in run(folder):
        print(f"| {label} | {figure} |")
