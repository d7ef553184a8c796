"""What the demo's previous round left behind, as data (see seed.py)."""
