"""Work done on a workshop without any window: import, demo data, summaries."""
