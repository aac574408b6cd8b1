"""A hand-built activity report for the paper outputs: a bar table by need with two
suppressed cells (a small one and the large one that protects it), a trend by month,
a two-way table, a rate table, an hours table, age bands; and the same report a year
before. Distinctive figures (1.234, 42,5%, 12,5 h) show the Italian formats; 1717 is a
suppressed value that must never appear."""

from __future__ import annotations

from datetime import date

from familydesk.reports.model import (
    ActivityReport,
    Cell,
    Drill,
    Period,
    Row,
    Scope,
    Section,
    Table,
)

PERIOD = Period(date(2026, 1, 1), date(2026, 11, 30))
#: Values the disclosure control hid: never on paper.
HIDDEN_SMALL = 3
HIDDEN_LARGE = 1717
MONTHS = [
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre",
]  # fmt: skip


def cell(value: float | None, figure: str = "", row: str = "", hidden: bool = False) -> Cell:
    drill = Drill("contact", figure, row) if figure else None
    return Cell(value, drill, suppressed=hidden)


def one_column(
    key: str,
    title: str,
    column: str,
    rows: list[tuple[str, str, float | None, bool]],
    *,
    chart: str = "bar",
    unit: str = "count",
    total: bool = True,
    note: str = "",
) -> Table:
    """A table of one column from (key, label, value, suppressed) rows."""
    cells = [Row(k, label, [cell(v, key, k, hidden)]) for k, label, v, hidden in rows]
    sums = [cell(sum(v or 0 for _k, _l, v, _h in rows), key)] if total else []
    return Table(
        key,
        title,
        [("count", column)],
        cells,
        sums,
        additive=total,
        chart=chart,
        unit=unit,
        note=note,
    )


def _desk(year: int, scale: float) -> Section:
    def n(value: int) -> int:
        return round(value * scale)

    needs = one_column(
        "desk.by_need",
        "Contatti per bisogno",
        "Contatti",
        [
            ("info", "Informazioni sui servizi per l'infanzia e la famiglia", n(1234), False),
            ("housing", "Casa e abitare", n(HIDDEN_LARGE), True),
            ("work", "Lavoro e formazione", n(612), False),
            ("legal", "Consulenza legale", HIDDEN_SMALL, True),
            ("school", "Scuola", n(88), False),
        ],
        note="Un contatto con due bisogni conta in entrambe le righe.",
    )
    needs.additive = False
    needs.total = []
    trend = one_column(
        "desk.by_month",
        "Contatti per mese",
        "Contatti",
        [
            (f"{year}-{m:02d}", f"{label} {year}", 2 if m == 8 else n(40 + 7 * m), m in (8, 9))
            for m, label in enumerate(MONTHS, start=1)
        ],
        chart="line",
    )
    channels = Table(
        "desk.by_channel",
        "Contatti per canale e tipo",
        [("new", "Nuovi"), ("returning", "Già conosciuti")],
        [
            Row("walk_in", "Di persona", [cell(n(320)), cell(n(410))]),
            Row("phone", "Telefono", [cell(n(150)), cell(n(95))]),
            Row("email", "E-mail", [cell(n(60)), cell(n(33))]),
        ],
        [cell(n(530)), cell(n(538))],
    )
    return Section(
        "desk",
        "A. Sportello informativo",
        [needs, trend, channels],
        ["Contatto: ogni accesso allo sportello, di persona, al telefono o per e-mail."],
    )


def _support(scale: float) -> Section:
    rates = one_column(
        "support.rates",
        "Tassi",
        "Tasso",
        [
            ("no_show", "Appuntamenti non presentati", 0.085 * scale, False),
            ("attendance", "Presenza agli incontri", 0.425 * scale, False),
            ("completion", "Percorsi completati", None, False),
        ],
        unit="percent",
        total=False,
    )
    hours = one_column(
        "support.hours",
        "Ore di attività per tipo di gruppo",
        "Ore",
        [("course", "Corsi", 12.5 * scale, False), ("lab", "Laboratori", 30 * scale, False)],
        unit="hours",
        chart="",
    )
    return Section("support", "B. Sostegno alla genitorialità", [rates, hours])


def _who(scale: float) -> Section:
    ages = one_column(
        "who.age_bands",
        "Persone per età",
        "Persone",
        [
            (k, k, round(v * scale), False)
            for k, v in [("0-3", 210), ("4-10", 180), ("11-17", 95), ("18-25", 40), ("26+", 700)]
        ],
    )
    return Section("who", "Chi abbiamo raggiunto", [ages], ["Persona raggiunta: ..."])


def report(compare: bool = True) -> ActivityReport:
    """The report of 2026 (January-November) with 2025's beside it."""
    scope = Scope(PERIOD, comuni=("F267",), sites=())
    previous = None
    if compare:
        previous = ActivityReport(
            scope.previous_year(), [_desk(2025, 0.8), _support(0.9), _who(0.9)], None, "Centro"
        )
    return ActivityReport(
        scope, [_desk(2026, 1), _support(1), _who(1)], previous, "Centro per le famiglie"
    )


def many_tables(count: int = 20) -> ActivityReport:
    """A report of ``count`` tables (the speed check)."""
    base = report()
    tables = [
        one_column(
            f"desk.t{i}",
            f"Tabella {i}",
            "Contatti",
            [(f"r{j}", f"Riga {j} della tabella {i}", 10 * j + i, False) for j in range(12)],
            chart="line" if i % 3 == 0 else "bar",
        )
        for i in range(count)
    ]
    base.sections = [Section("desk", "A. Sportello", tables)]
    return base
