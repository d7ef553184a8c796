"""Signals the core sends for the apps above it to act on."""

from django.dispatch import Signal

# Sent before a call's dates are saved, with ``call`` holding the new dates. A receiver
# returns the problems it sees as {field: message}; the call is not saved while any is.
call_schedule_check = Signal()
