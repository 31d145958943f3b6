"""Allow ``python -m circuit_timer``."""

from circuit_timer.cli import main

raise SystemExit(main())
