"""The public face of every kind of record: which of their fields are shown
(``records``); which records at all is ``library.access``."""
