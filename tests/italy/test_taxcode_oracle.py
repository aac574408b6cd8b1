"""FamilyDesk's reading of codici fiscali against two libraries no one here wrote.

The cases are taken from python-codicefiscale's own tests (tests/test_decode.py,
tests/issues/test_issue_0162.py, test_issue_0210_0213.py) and python-stdnum's
(tests/test_it_codicefiscale.doctest). The libraries are the oracle: for each
code, FamilyDesk must agree with them on validity, sex, birth date and birthplace.
``codicefiscale.is_valid`` costs a few milliseconds: fine here, never in app code.

python-codicefiscale reads "this year" from the machine's clock; the tests hand
it the pinned clock instead, so both read the same day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from codicefiscale import codicefiscale as cf
from stdnum.it import codicefiscale as stdnum_cf

from familydesk.italy import taxcode
from familydesk.kernel import clock
from familydesk.kernel.errors import ValidationError

#: A day the two-digit years are read against (before 31/12/2026, so "26T31" is in the future).
TODAY = datetime(2026, 12, 9, 10, 30, tzinfo=clock.ROME)

STDNUM_VALID = [
    "MRTNTN23M02D969P",
    "RCCMNL83S18D969H",
    "MRSMSR81D60Z611H",
    "CNTCHR83T41D969D",
    "FOXDRA26C24H872Y",
    "MAILCU91A25F839D",
    "RSSMRA45C12F205C",
    "RSSMRA45C12F20RX",
    "RSSMRA45C12F2L5N",
    "RSSMRA45C12F2LRI",
    "RSSMRAQRCMNFNLRG",
    "RCDLSN84S16D969Z",
]
CODICEFISCALE_DECODE = [
    "THDSDA95P08Z330H",
    "BLSLGS84C22Z145O",
    "BRNGNN71B26L219T",
    "CCCFBA85D03L219P",
    "GMBLSN84A05G674H",
    "MRTMRA83T56A269B",
    "PNLMHL79R27I158P",
    "QTRDRA71P13G388J",
    "TKKYKU87B68L219F",
    "RSSMRA68A01H501Y",
    "RSSMRA50B17A558W",
    # omocodia
    "CCCFBA85D03L21VE",
    "CCCFBA85D03L2MVP",
    "CCCFBA85D03LNMVE",
    "CCCFBA85D0PLNMVA",
    "CCCFBA85DLPLNMVL",
    "CCCFBA8RDLPLNMVX",
    "CCCFBAURDLPLNMVU",
    # issues 162 (table gap), 210 and 213 (code older than the comune)
    "DFLNTN42T20B860H",
    "CCCFBA30H66F991T",
    "DBRGRZ53R66F059C",
    # a comune abolished in 1927
    "MCHFDA07A01D877A",
]
INVALID = [
    "CSTNGL22I10D086I",  # stdnum: InvalidFormat
    "FOXDRA26C24H872A",  # stdnum: InvalidChecksum
    "CNTCHR83T32D969H",  # stdnum: InvalidComponent (day 32)
    "FRTMXM74L15D354A",  # codicefiscale: unknown birthplace
    "CCCFBA8XD03L219S",  # codicefiscale: invalid year
    "CCCFBA85X03L219P",  # codicefiscale: invalid month
    "CCCFBA85D00L219P",  # codicefiscale: invalid day
]


class _AnyDatetime(type):
    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, datetime)


class _PinnedDatetime(datetime, metaclass=_AnyDatetime):
    """``datetime`` whose ``now()`` is the pinned clock (for python-codicefiscale's module)."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        moment = clock.now()
        return moment.replace(tzinfo=None) if tz is None else moment.astimezone(tz)


@pytest.fixture(autouse=True)
def oracle_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """FamilyDesk and python-codicefiscale both read today as ``TODAY``."""
    monkeypatch.setattr(cf, "datetime", _PinnedDatetime)
    with clock.pinned(TODAY, tick=False):
        yield


def _ours(code: str) -> taxcode.TaxCodeInfo | None:
    try:
        return taxcode.parse(code)
    except ValidationError:
        return None


@pytest.mark.parametrize("code", STDNUM_VALID + CODICEFISCALE_DECODE)
def test_decoded_like_python_codicefiscale(code: str) -> None:
    ours = _ours(code)
    assert ours is not None and cf.is_valid(code)
    theirs = cf.decode(code)
    assert ours.sex == theirs["gender"]
    assert ours.birth_date == theirs["birthdate"].date()
    assert ours.birthplace == theirs["birthplace"]["name"]


@pytest.mark.parametrize("code", STDNUM_VALID)
def test_valid_and_dated_like_python_stdnum(code: str) -> None:
    ours = _ours(code)
    assert ours is not None and stdnum_cf.is_valid(code)
    # stdnum reads the year in the hundred years from ``minyear``: the latest not in the future.
    assert ours.birth_date == stdnum_cf.get_birth_date(code, minyear=TODAY.year - 99)


@pytest.mark.parametrize("code", INVALID)
def test_refused_like_both_libraries(code: str) -> None:
    assert not cf.is_valid(code)
    assert _ours(code) is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("CNTCHR83T32D969", "impossible birth date"),  # day 32
        ("RSSMRA80B30L020", "impossible birth date"),  # 30 February
        ("RSSMRA80D31L020", "impossible birth date"),  # 31 April
        ("RSSMRA80D71L020", "impossible birth date"),  # 31 April, a woman
        ("CSTNGL22I10D086", "not written like"),  # no month I
    ],
)
def test_what_is_wrong_agrees_with_stdnum(body: str, expected: str) -> None:
    """With the right check character, a bad date is the date's fault (stdnum: InvalidComponent)."""
    code = body + stdnum_cf.calc_check_digit(body)
    with pytest.raises(ValidationError) as error:
        taxcode.parse(code)
    assert expected in error.value.message


def test_a_birthplace_gap_takes_the_nearest_period() -> None:
    """Casagiove (B860): entries 1872-1927, 1927-1928 and from 1946; 1942 is in none."""
    entry = taxcode.birthplace("B860", date(1942, 12, 20))
    assert entry is not None and entry["date_created"].startswith("1946")
    assert taxcode.birthplace("B860", date(1900, 1, 1))["date_created"].startswith("1872")  # type: ignore[index]
    info = taxcode.parse("DFLNTN42T20B860H")
    assert (info.birth_date, info.birthplace) == (date(1942, 12, 20), "Casagiove")


def test_the_century_is_one_the_birthplace_existed_in() -> None:
    """Gallico was abolished in 1927: year 07 is 1907, not 2007."""
    info = taxcode.parse("MCHFDA07A01D877A")
    assert (info.birth_date, info.birthplace) == (date(1907, 1, 1), "Gallico")
    assert taxcode.parse("RSSMRA07A01H501J").birth_date == date(2007, 1, 1)  # Roma exists


def test_a_two_digit_year_never_puts_the_birth_in_the_future() -> None:
    """Read on 9/12/2026, 31/12/26 is 1926; the day after it, it is 2026."""
    assert taxcode.parse("RSSMRA26T31H501C").birth_date == date(1926, 12, 31)
    assert taxcode.parse("RSSMRA26T31H501C", today=date(2027, 1, 1)).birth_date == date(
        2026, 12, 31
    )
    assert taxcode.parse("RSSMRA26T09H501U").birth_date == date(2026, 12, 9)  # born today
