# Importing the Celery app here makes @shared_task use it in every process.
from cop_platform.celery import app as celery_app

__all__ = ["celery_app"]
