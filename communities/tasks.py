"""Tasks of communities' own services. Other modules keep their own tasks (the notification
engine's in `communities/notifications/tasks.py`, discussions' in
`communities/discussions/tasks.py`); `CommunitiesConfig.ready()` imports them for the worker."""

from celery import shared_task

from communities.services.member_import_job import run_member_import


@shared_task(name="communities.tasks.run_member_import_task", acks_late=True)
def run_member_import_task(import_id: int) -> int:
    return run_member_import(import_id).processed
