"""The public face of every kind of record: which records (``selectors``) and which of
their fields (``records``)."""
