"""Allow `python -m trustboard`."""

from trustboard.cli import main

raise SystemExit(main())
