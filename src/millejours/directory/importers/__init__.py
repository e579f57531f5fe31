"""Directory files in three steps, one module each:

- ``reading``: a CSV (as coordinators have them), XLSX or data·inclusion JSON file turned into
  plain dicts, one per data row, column names normalised (``read_rows``);
- ``mapping``: one row checked and mapped to a ``ServiceRecord`` with French errors and warnings
  (``validate_row``);
- ``writing``: the accepted records written to ``Structure`` and ``Service`` rows, inside the
  transaction of ``services.resources_import``.

Row numbers: data rows are counted from 1 (the header line of a CSV/XLSX is not counted).
"""
