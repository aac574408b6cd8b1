#!/usr/bin/env bash
# The wheel is the product: build it, install it into a new empty venv and use it there, away
# from the checkout (so nothing is imported or read from the source tree): its version, a demo
# database, the window's --smoke run, the intake form and a family card printed as PDF,
# messages in Italian (the default language), the missing postgres extra named, and a search
# piped into head ending quietly. An editable install hides missing package data;
# this does not. Any failing step stops the script with a non-zero exit and says which.
#
#   scripts/wheel-check.sh     PYTHON makes the empty venv (python3), BUILD_PYTHON's pip builds
#                              the wheel (PYTHON; `make wheel-check` passes .venv's)
# Leaves the wheel, the venv and the printouts in build/wheel-check/.
set -euo pipefail
on_error() { echo "wheel-check: FAILED (line $1): ${2%%$'\n'*}" >&2; }
trap 'on_error $LINENO "$BASH_COMMAND"' ERR
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
BUILD_PYTHON=${BUILD_PYTHON:-$PYTHON}
OUT=$ROOT/build/wheel-check
STARTED=$SECONDS

step() { printf 'wheel-check: %s\n' "$*"; }
fail() {
  echo "wheel-check: FAILED: $*" >&2
  exit 1
}
# pip, without this machine's notes about index folders it skips (its exit status is kept)
pip_quietly() {
  "$@" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
}

rm -rf "$OUT"
mkdir -p "$OUT"

step "building the wheel"
rm -rf build/lib build/bdist.* # setuptools reuses them: nothing stale may ship
pip_quietly "$BUILD_PYTHON" -m pip wheel . --no-deps --quiet -w "$OUT/dist"
wheel=$(ls "$OUT"/dist/familydesk-*.whl)

step "installing $(basename "$wheel") into a new empty venv"
"$PYTHON" -m venv "$OUT/venv"
VENV_PY=$OUT/venv/bin/python
pip_quietly "$VENV_PY" -m pip install --quiet "$wheel"
FD=$OUT/venv/bin/familydesk

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" # away from the checkout: nothing may come from the source tree
unset FAMILYDESK_RESOURCES FAMILYDESK_DB FAMILYDESK_LANG PYTHONPATH LANGUAGE
export FAMILYDESK_HOME=$WORK/home FAMILYDESK_OPERATOR=admin FAMILYDESK_PASSWORD=demo
DB=$WORK/home/demo.sqlite3
mkdir -p "$FAMILYDESK_HOME"

step "the package and its resources come from the venv"
"$VENV_PY" - "$OUT/venv" <<'EOF'
import sys
from pathlib import Path

import familydesk
from familydesk.kernel.paths import locale_dir, resources_dir

venv = Path(sys.argv[1]).resolve()
for what, path in (("package", Path(familydesk.__file__)), ("resources", resources_dir())):
    if venv not in path.resolve().parents:
        sys.exit(f"the {what} come from {path}, not from the venv {venv}")
for name in ("fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf", "icons/app.svg", "style.qss"):
    if not (resources_dir() / name).is_file():
        sys.exit(f"the wheel has no {name}")
for language in ("it", "en"):
    if not (locale_dir() / language / "LC_MESSAGES" / "familydesk.mo").is_file():
        sys.exit(f"the wheel has no compiled {language} catalogue")
EOF

step "familydesk --version"
"$FD" --version | tee "$OUT/version.txt"
grep -q "[0-9]" "$OUT/version.txt" || fail "--version printed no version"

step "familydesk demo --families 30"
"$FD" demo --families 30 --db "$DB" | tee "$OUT/demo.txt"

step "familydesk --smoke (offscreen)"
QT_QPA_PLATFORM=offscreen "$FD" --smoke --db "$DB"

step "familydesk print intake"
family=$("$FD" search a --json --limit 1 --db "$DB" |
  sed -n 's/.*"family_uid": "\([^"]*\)".*/\1/p' | head -1)
[ -n "$family" ] || fail "search found no family to print"
"$FD" print intake --family "$family" --out "$OUT/intake.pdf" --db "$DB"
[ "$(head -c 5 "$OUT/intake.pdf")" = "%PDF-" ] || fail "intake.pdf is not a PDF"

step "familydesk print card"
"$FD" export cards --format csv --out "$OUT/cards.csv" --db "$DB"
card=$(awk -F';' 'NR>1 && $4=="active" {print $1; exit}' "$OUT/cards.csv")
[ -n "$card" ] || fail "the demo has no active card to print"
"$FD" print card --card "$card" --out "$OUT/card.pdf" --db "$DB"
[ "$(head -c 5 "$OUT/card.pdf")" = "%PDF-" ] || fail "card.pdf is not a PDF"

step "the messages are in Italian"
status=0
"$FD" print intake --family nessuna --out "$OUT/none.pdf" --db "$DB" 2>"$OUT/italian.txt" || status=$?
cat "$OUT/italian.txt"
[ "$status" -ne 0 ] || fail "printing for an unknown family did not fail"
"$FD" --help >"$OUT/help.txt"
grep -q "^uso: familydesk" "$OUT/help.txt" || fail "--help is not in Italian: $(head -1 "$OUT/help.txt")"
grep -q -i -E "famiglia|nessun" "$OUT/italian.txt" || fail "the error is not in Italian"

step "PostgreSQL without the postgres extra names it"
status=0
"$FD" check --db postgresql://familydesk@127.0.0.1:1/familydesk 2>"$OUT/extra.txt" || status=$?
cat "$OUT/extra.txt"
[ "$status" -eq 1 ] || fail "without psycopg, check ended with status $status (1 expected)"
grep -q 'richiedono il modulo psycopg.*pip install "familydesk\[postgres\]"' "$OUT/extra.txt" ||
  fail "the missing postgres extra is not named in Italian"

step "a reader that goes away early (| head -1) ends the search quietly"
status=0
"$FD" search a --json --limit 500 --db "$DB" 2>"$OUT/pipe.txt" | head -1 >/dev/null || status=$?
# 141 = ended by SIGPIPE, as any Unix tool; 0 when the whole answer fitted the pipe first
[ "$status" -eq 0 ] || [ "$status" -eq 141 ] || fail "search | head ended with status $status"
[ ! -s "$OUT/pipe.txt" ] || fail "search | head wrote to stderr: $(cat "$OUT/pipe.txt")"

step "passed in $((SECONDS - STARTED)) s"
