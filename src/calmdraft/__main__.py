from __future__ import annotations

from calmdraft.cli import main

raise SystemExit(main())
