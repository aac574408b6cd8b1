#!/usr/bin/env bash
# make test-dates: the date-sensitive tests on days and in time zones that break naive code.
#
# Each scenario runs the tests once under faketime (the machine's clock, for anything that
# still read it) with the tests' clock pinned at the same instant (FAMILYDESK_TEST_CLOCK, the
# pinned_clock fixture in tests/conftest.py), in the time zone named:
#   leap-day       Rome, 29 February 2028 12:00 (cards valid N months, ages, "a year ago")
#   new-year's-eve Rome, 31 December 2026 23:30 (tomorrow is another year)
#   spring-forward Rome, 28 March 2027 02:30, an hour that does not exist: faketime takes it
#                  as 03:30 CEST (01:30 UTC), the pin says so; the day has 23 hours
#   utc            a PC set to UTC at 23:30 on 31 December 2026: in Rome it is already 2027
#   new-york       a PC in New York at 20:00 on 29 February 2028: in Rome it is 1 March
# A scenario fails if a test fails or if it ran no test. Runs on SQLite only.
# Usage: scripts/test-dates.sh [pytest arguments, e.g. -x or a narrower selection]
set -u
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
if ! command -v faketime >/dev/null 2>&1; then
    echo "test-dates needs faketime: run scripts/system-deps.sh as root (or apt-get install faketime)" >&2
    exit 1
fi

TESTS=(
    tests/cards tests/appointments tests/groups tests/frontdesk tests/forms
    tests/registry/test_listing.py tests/registry/test_services.py tests/italy/test_taxcode.py
    tests/privacy/retention tests/privacy/test_erasure.py tests/privacy/test_access.py
    tests/admin/test_backups.py tests/trust/audit/test_query.py tests/test_clock.py
    tests/demo/test_groups.py
    tests/ui/frontdesk/test_page.py tests/ui/frontdesk/test_quick_booking.py
    tests/ui/appointments/test_page.py tests/ui/cards/test_counter.py
    tests/ui/cards/test_eligibility.py tests/ui/cards/test_register.py
    tests/ui/cards/test_family_tab.py tests/ui/groups/test_attendance.py
    tests/ui/groups/test_page.py tests/ui/families/test_page.py tests/ui/test_rome_time.py
)
[ $# -gt 0 ] && TESTS=("$@")

#  name            TZ                faketime             pinned clock (ISO, with its offset)
SCENARIOS=(
    "leap-day       Europe/Rome      2028-02-29_12:00:00  2028-02-29T12:00:00+01:00"
    "new-years-eve  Europe/Rome      2026-12-31_23:30:00  2026-12-31T23:30:00+01:00"
    "spring-forward Europe/Rome      2027-03-28_02:30:00  2027-03-28T03:30:00+02:00"
    "utc            UTC              2026-12-31_23:30:00  2026-12-31T23:30:00+00:00"
    "new-york       America/New_York 2028-02-29_20:00:00  2028-02-29T20:00:00-05:00"
)

failed=()
for scenario in "${SCENARIOS[@]}"; do
    read -r name zone fake pin <<<"$scenario"
    echo "== $name: TZ=$zone faketime '@${fake/_/ }' FAMILYDESK_TEST_CLOCK=$pin"
    start=$SECONDS
    log=$(mktemp)
    env -u FAMILYDESK_TEST_PG_URL TZ="$zone" FAMILYDESK_TEST_CLOCK="$pin" \
        FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@${fake/_/ }" \
        "$PY" -m pytest -q --tb=short -p no:cacheprovider -p no:randomly "${TESTS[@]}" 2>&1 |
        tee "$log"
    status=${PIPESTATUS[0]}
    if [ "$status" -ne 0 ] || ! grep -Eq '[1-9][0-9]* passed' "$log"; then
        failed+=("$name")
    fi
    rm -f "$log"
    echo "== $name: $((SECONDS - start)) s, exit status $status"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "test-dates failed: ${failed[*]}" >&2
    exit 1
fi
echo "test-dates: every scenario passed"
