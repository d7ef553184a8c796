"""The review of the demo's previous round, as data (see seed.py)."""
