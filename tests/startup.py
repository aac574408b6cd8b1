"""Running a few lines in a fresh interpreter and reading back which modules it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What a fast start leaves alone: the ORM, the models and Alembic.
HEAVY = ("sqlalchemy.orm", "familydesk.db.models.registry", "alembic")

_REPORT = """
import json, sys
print("\\n@@MODULES@@" + json.dumps(sorted(sys.modules)))
"""


def imported_by(code: str, home: Path) -> list[str]:
    """The modules loaded after running ``code`` in a fresh interpreter (its own home)."""
    env = dict(os.environ, FAMILYDESK_HOME=str(home), FAMILYDESK_LANG="en")
    script = "try:\n" + "".join(f"    {line}\n" for line in code.splitlines())
    script += "except SystemExit:\n    pass\n" + _REPORT
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "@@MODULES@@" in result.stdout, result.stdout + result.stderr
    return json.loads(result.stdout.rsplit("@@MODULES@@", 1)[1])


def heavy_among(modules: list[str]) -> list[str]:
    return [name for name in modules if name.startswith(HEAVY)]
