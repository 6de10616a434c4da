"""The import assistant (File → Import…, or a CSV/TSV/XLSX dropped on the window).

Only `drop` is light; the dialog and the engine load when the assistant first opens."""
