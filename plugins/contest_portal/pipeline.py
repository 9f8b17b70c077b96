"""The pipeline: every stage of a build, named in order (being restructured)."""

from __future__ import annotations

from contest_portal.formats.loader import load_portal

__all__ = ["load_portal"]
