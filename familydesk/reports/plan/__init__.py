"""Plan monitoring (*monitoraggio del Piano*): a plan's actions and their indicators,
each with a target for a period and an actual that FamilyDesk measures over its own
records (:mod:`.measures`) or that a coordinator typed in with its source.

- :mod:`.records`: the actions with their indicators and tagged groups, as rows;
- :mod:`.editing`: adding, changing, deleting (``SETTINGS``), tagging groups;
- :mod:`.measures`: ``MEASURES``, the list of measures and the filters each accepts;
- :mod:`.monitoring`: the monitoring sheet, a ``Section`` the outputs print.
"""
