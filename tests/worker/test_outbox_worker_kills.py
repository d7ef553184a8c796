"""Issue 17, finding 8: the worker killed 5 times while it sends 500 messages loses
none, and a message sent twice (the kill landed between the server's 250 and the
commit) carries its original Message-ID, so the receiving side can drop the copy."""

import random
import time
from collections import Counter

import pytest

from incubator.models import Notification
from incubator.models.outbox import NotificationStatus
from incubator.services.outbox import Outgoing, notifications_queue
from incubator.services.outbox_delivery import _message_id
from tests.worker.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
MESSAGES = 500
KILLS = 5


@pytest.mark.timeout(300)
def test_five_worker_kills_in_500_messages_lose_none(start_worker, smtp_server):
    worker = start_worker()
    rows = notifications_queue(
        messages=[
            Outgoing(
                key=f"kill-test:{number}",
                template="invitation_accepted",
                context={"invitation": None, "member": None},
                to_email=f"reader-{number}@agency.example",
            )
            for number in range(MESSAGES)
        ]
    )
    for kill in range(1, KILLS + 1):
        target = kill * MESSAGES // (KILLS + 2)
        wait_until(
            lambda target=target: len(smtp_server.accepted()) >= target,
            timeout=60,
            interval=0.005,
            what=f"{target} messages accepted before kill {kill}",
        )
        time.sleep(random.uniform(0, 0.1))  # a moment unrelated to what the worker does
        worker.kill()
        worker = start_worker()
    wait_until(
        lambda: not Notification.objects.exclude(status=NotificationStatus.SENT).exists(),
        timeout=120,
        what="every message marked sent",
    )
    worker.wait_for_sweeps(2)  # time for a late duplicate to show up

    expected = {row.to_email: _message_id(row) for row in rows}
    accepted = smtp_server.accepted()
    copies = Counter(mail.message_id for mail in accepted)
    duplicates = sum(count - 1 for count in copies.values())
    print(f"\nworker kills: {KILLS}, messages: {MESSAGES}, duplicates: {duplicates}")
    assert set(copies) == set(expected.values())  # none lost, none unknown
    for mail in accepted:
        [address] = mail.to
        assert mail.message_id == expected[address]  # a copy keeps the original's id
    assert duplicates <= KILLS  # at most the one message in flight at each kill
