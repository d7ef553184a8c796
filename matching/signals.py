"""What matching tells the stages above it. Matching sits below incubation and cannot
call it; incubation connects to these signals instead (in its AppConfig.ready)."""

from django.dispatch import Signal

# Sent inside the transaction that confirms a pair, once per pair: a receiver's writes
# commit, or roll back, with the confirmation. Arguments: match, by (the secretariat).
match_confirmed = Signal()
