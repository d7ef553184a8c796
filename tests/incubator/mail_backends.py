"""Email backends that fail the way real mail systems do."""

import smtplib

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
