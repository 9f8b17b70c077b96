"""Developer tools for the contest portal (sample data generators, helpers)."""
