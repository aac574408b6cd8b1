"""Appointments: the resources that can be booked, the calendar rules, bookings and series.

Modules: ``names`` (built-in wording), ``resources`` (services, staff, places, rooms,
opening hours, closures, absences, patron days), ``calendar_rules`` (holidays, opening
hours, absences), ``booking`` (book, move, cancel, statuses; conflicts refused inside the
saving transaction), ``series`` (recurring appointments), ``slots`` (free-slot finder),
``queries`` (day and week views, call list, exports). Services take a session and never
commit.
"""
