"""`makemigrations` without the system checks.

Django 6.1 runs the model checks against every configured database, and a GeneratedField's check
asks the server for its version: `makemigrations` would then need a running PostgreSQL, although
writing a migration reads only the models. The checks still run everywhere else (`check`, the
test suite, `runserver`, `migrate`).
"""

from django.core.management.commands.makemigrations import Command as DjangoMakemigrations


class Command(DjangoMakemigrations):
    requires_system_checks = ()
