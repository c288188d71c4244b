from django.core.management.base import BaseCommand

from cop_platform.demo import seed_demo


class Command(BaseCommand):
    help = "Load the demo data of SPEC §10. Idempotent: run it as often as you like."

    def handle(self, *args, **options):
        lines = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        for line in lines:
            self.stdout.write(line)
