"""What the cohort track asks of the stages above it, which it cannot import."""

from django.dispatch import Signal

# Sent while a person's calendar feed is built, in the person's language. Each receiver
# returns a list of icalendar Events of its own to add to the feed (an incubation's
# meetings). Arguments: user, since (events that ended before it are left out).
personal_feed_building = Signal()
