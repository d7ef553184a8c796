"""The demo's previous round, as data (see seed.py)."""
