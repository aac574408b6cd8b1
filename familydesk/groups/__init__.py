"""Parenting groups: groups and courses, sessions, sign-ups, attendance, completion.

Modules: ``names`` (built-in wording), ``catalog`` (groups: create, change, list by
phase), ``sessions`` (sessions from a weekly pattern skipping holidays and closures,
moved, cancelled or added one by one; room and educator conflicts with appointments
and other groups), ``enrolment`` (sign-ups with capacity, age rule and waiting list;
withdrawal promotes the first waiting), ``attendance`` (the participants x sessions
grid, saved a session at a time), ``figures`` (completion, rates, hours; per group and
per period), ``printouts`` and ``export``. Services take a session and never commit.
"""
