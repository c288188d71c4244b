"""Scale people: 5,000 a factor, each with a verified email address and one shared password."""

import datetime as dt

from cop_platform.scale import ScaleRun, next_id

FIRST_NAMES = [
    "Ana",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Femi",
    "Grace",
    "Hugo",
    "Ines",
    "Jamal",
    "Kira",
    "Liam",
    "Maya",
    "Noor",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
    "Uma",
    "Victor",
    "Wen",
    "Xavier",
    "Yara",
    "Zoe",
    "Aisha",
    "Bruno",
    "Carmen",
    "Dmitri",
]
LAST_NAMES = [
    "Adams",
    "Baker",
    "Chen",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ito",
    "Jones",
    "Khan",
    "Lopez",
    "Moreau",
    "Nguyen",
    "Okafor",
    "Patel",
    "Quispe",
    "Rossi",
    "Silva",
    "Tanaka",
    "Usman",
    "Varga",
    "Walsh",
    "Xu",
    "Young",
    "Zhang",
]
ORGANISATIONS = (
    "County Health Department",
    "Riverside Recovery Center",
    "State Office of Youth Services",
    "Northside Family Network",
    "Harbor Community Clinic",
    "Valley School District",
)
JOB_TITLES = ("Peer specialist", "Program manager", "Case worker", "Coach", "Supervisor", "Nurse")
PEOPLE_AT_FACTOR_ONE = 5_000
# A TTA leader in this many people: they lead the programs.
TTA_LEADER_EVERY = 500


def seed_people(run: ScaleRun) -> None:
    count = run.scaled(PEOPLE_AT_FACTOR_ONE, minimum=20)
    first = next_id("communities_user")
    ids = range(first, first + count)
    rng = run.rng

    def people():
        for person in ids:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            joined = run.now - dt.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
            yield (
                person,
                run.password_hash,
                False,
                email_of(person),
                name,
                f"p{person}",
                rng.choice(ORGANISATIONS),
                rng.choice(JOB_TITLES),
                "",
                "",
                False,
                True,
                joined,
                (person - first) % TTA_LEADER_EVERY == 0,
            )

    run.copy(
        "communities_user",
        [
            "id",
            "password",
            "is_superuser",
            "email",
            "name",
            "handle",
            "organisation",
            "job_title",
            "bio",
            "timezone",
            "is_staff",
            "is_active",
            "date_joined",
            "is_tta_leader",
        ],
        people(),
    )
    # Verified, so every seeded person may also log in through the login form.
    run.copy(
        "account_emailaddress",
        ("email", "verified", "primary", "user_id"),
        ((email_of(person), True, True, person) for person in ids),
    )
    run.shared["people"] = ids
    run.shared["tta_leaders"] = ids[::TTA_LEADER_EVERY]


def email_of(person: int) -> str:
    return f"p{person}@scale.example.org"
