import datetime as dt

import factory

from meetings.models import ActionItem, Meeting, MeetingFormat, Recurrence
from tests.factories import CommunityFactory, MembershipFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    """A weekly 09:00 to 10:00 Chicago meeting, ten times, from a date given or next week."""

    class Meta:
        model = Meeting

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Check-in {n}")
    start_date = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC).date() + dt.timedelta(7))
    start_time = dt.time(9)
    duration = dt.timedelta(hours=1)
    time_zone = "America/Chicago"
    format = MeetingFormat.IN_PERSON
    place = "Room 4"
    recurrence = Recurrence.WEEKLY
    repeat_count = 10


# The charter and its goals (issue 12, step 2).
class CharterFactory(factory.django.DjangoModelFactory):
    """A published charter that answers the first question."""

    class Meta:
        model = "meetings.Charter"

    community = factory.SubFactory(CommunityFactory)
    potential = "Learn from each other's cases."
    published_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC))


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Goal"

    community = factory.SubFactory(CommunityFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Goal {n}")
    success_measure = "Members say so in the survey."


# What follows a meeting (issue 12, step 2).


class ActionItemFactory(factory.django.DjangoModelFactory):
    """An open item owned by a member of its CoP, due in a week."""

    class Meta:
        model = ActionItem

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Follow up {n}")
    owner = factory.LazyAttribute(lambda o: MembershipFactory(community=o.community).user)
    due_date = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC).date() + dt.timedelta(7))
