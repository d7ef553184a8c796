"""Incubation answers the signals of the stages below it."""

from django.dispatch import receiver

from cohorts.signals import personal_feed_building
from incubation.calendar import meeting_feed_events
from incubation.services.workspace import incubation_add_match
from matching.signals import match_confirmed


@receiver(match_confirmed, dispatch_uid="incubation-opens-with-a-confirmed-match")
def open_incubation(sender, *, match, by, **kwargs):
    incubation_add_match(match=match, by=by)


@receiver(personal_feed_building, dispatch_uid="incubation-meetings-in-the-personal-feed")
def add_meetings(sender, *, user, since, **kwargs):
    return meeting_feed_events(user=user, since=since)
