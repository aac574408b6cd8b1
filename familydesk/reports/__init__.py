"""Reports: what the centre did, for the coordinator, the Piano di Zona and the region.

- ``model``: the period, the scope (comuni, centres, one operator's desk), and the
  report's shape: sections of tables of cells, each cell naming the records behind it
  (``Drill``);
- ``settings``: the centre's reporting settings (small-count threshold, SIUSS ente);
- ``outputs/``: a report's sections on paper (PDF) and in a workbook (XLSX, native charts);
- ``plan/``: the plan's actions and indicators (monitoraggio del Piano);
- ``disclosure``: small counts suppressed (with complementary cells) before a file leaves
  the centre.

Still to come (issue 17): the activity report's sections, drill-down lists, CSV/JSON
and the SIUSS flow.

The layer sits with privacy, admin and transfer: above every capability it counts.
"""
