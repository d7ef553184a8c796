from celery import shared_task

from incubation.services.mail import incubation_mail_send


@shared_task(
    name="incubation.tasks.send_incubation_mail",
    ignore_result=True,
    acks_late=True,
    time_limit=600,
    soft_time_limit=570,
)
def send_incubation_mail() -> None:
    incubation_mail_send()
