"""ReportLab building blocks every printout uses: page templates, blocks, addresses.

The printouts themselves live with their capability (``registry.printouts``,
``appointments.printouts``, ``cards.printouts``, ``groups.printouts``, ``privacy``).
"""
