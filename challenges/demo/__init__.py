"""The demo round's challenges, as data (see seed.py)."""
