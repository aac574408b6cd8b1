"""Reports: what the centre did, for the coordinator, the Piano di Zona and the region.

- ``model``: the period, the scope (comuni, centres, one operator's desk), and the
  report's shape: sections of tables of cells, each cell naming the records behind it
  (``Drill``);
- ``activity/``: the activity report, section by section (desk, support, resources, who);
- ``drill``: the records behind a figure, within the operator's permissions, audited;
- ``disclosure``: small counts suppressed before a file leaves the centre;
- ``outputs/``: PDF, XLSX, CSV and JSON of a report;
- ``plan/``: the plan's actions and indicators (monitoraggio del Piano);
- ``siuss/``: the INPS SIUSS flow of the family cards.

The layer sits with privacy, admin and transfer: above every capability it counts.
"""
