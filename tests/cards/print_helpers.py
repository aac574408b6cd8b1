"""Reading printed cards back: page sizes, text, embedded fonts, and the QR code decoded
from a 300 dpi rendering with ``pdftoppm`` and ``zbarimg`` (poppler-utils, zbar-tools:
scripts/system-deps.sh installs them when run as root)."""

from __future__ import annotations

import os
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from tests.forms.conftest import font_files, pages_text

TOOLS = ("pdftoppm", "zbarimg")


def page_sizes_mm(pdf: Path) -> list[tuple[float, float]]:
    return [
        (float(p.mediabox.width) / mm, float(p.mediabox.height) / mm)
        for p in PdfReader(BytesIO(pdf.read_bytes())).pages
    ]


def flat(pdf: Path) -> str:
    return " ".join(" ".join(pages_text(pdf.read_bytes())).split())


def embedded(pdf: Path) -> bool:
    fonts = font_files(pdf.read_bytes())
    return bool(fonts) and all(fonts.values()) and all("DejaVuSans" in n for n in fonts)


def need_tools() -> None:
    """Skip when the tools are missing and cannot be installed here (not root); as root
    (CI, a fresh machine set up by ``make``) a missing tool is a failure."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing and os.geteuid() != 0:
        pytest.skip(
            f"{', '.join(missing)} not installed (apt-get install poppler-utils "
            "zbar-tools, or run `make test` as root)"
        )
    assert not missing, f"{missing} missing: scripts/system-deps.sh installs them"


def decode_qr(pdf: Path, tmp: Path) -> list[str]:
    """What a scanner reads on each page of ``pdf`` (rendered at 300 dpi), one list entry
    per code found."""
    need_tools()
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp / "page")], check=True)
    found = []
    for image in sorted(tmp.glob("page*.png")):
        result = subprocess.run(
            ["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, check=False
        )
        found += result.stdout.splitlines()
    return found
