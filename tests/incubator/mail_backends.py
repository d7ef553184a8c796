"""Email backends that fail the way real mail systems do."""

import smtplib

from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend


class Unreachable(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class RefusesRecipients(BaseEmailBackend):
    def send_messages(self, email_messages):
        refused = {
            address: (550, b"5.1.1 Mailbox unknown") for m in email_messages for address in m.to
        }
        raise smtplib.SMTPRecipientsRefused(refused)


class DefersMessages(BaseEmailBackend):
    """The server answers about the message: not now (greylisting, a full mailbox)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")


class ClosingService(BaseEmailBackend):
    """The server says it is shutting down: nothing to do with the message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(421, b"4.3.2 Service shutting down")


class CountsConnections(locmem.EmailBackend):
    """Delivers like locmem, and counts how many connections were made."""

    made = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        type(self).made += 1


class RefusesConnections(BaseEmailBackend):
    """Nothing listens where the mail server should be."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")
