from django.core.management.base import BaseCommand

from communities.demo import DEMO_PASSWORD, DEMO_PEOPLE, seed_people


class Command(BaseCommand):
    help = "Load the demo data of SPEC §10. Idempotent: run it as often as you like."

    def handle(self, *args, **options):
        seed_people()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in with any of:"))
        for email, _name, _job, role in DEMO_PEOPLE:
            self.stdout.write(f"  {email:<26} {role}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
