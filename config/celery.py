"""The Celery app. Without REDIS_URL, settings make every task run eagerly in-process."""

from celery import Celery

from config.environment import settings_module_select

settings_module_select()
app = Celery("incubator")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
