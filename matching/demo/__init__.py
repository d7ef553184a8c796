"""The matching of the demo's previous round, as data (see seed.py)."""
