"""The demo's learning cohort, as data (see seed.py)."""
