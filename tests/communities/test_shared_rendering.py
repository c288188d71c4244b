"""A fan-out renders an email once per group of readers, and each reader still gets exactly the
email rendered for them alone (their own unsubscribe link, their zone, their name if used)."""

import pytest
from django.test.signals import template_rendered

from communities.models import OutboxMessage, Role
from communities.notifications.rendering import absolute_url, render_kind_email
from communities.notifications.sender import Notice, notify_many
from communities.notifications.shared_rendering import PLACEHOLDER, SharedRenderer
from communities.notifications.unsubscribe import read_unsubscribe_token
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db

CONTEXT = {"title": "We meet on Thursday", "message": "From next month, at 15:00."}


def announce(readers: int, zones=("Europe/London",)):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    thread = ThreadFactory(community=facilitator.community, author=facilitator.user)
    people = [
        MembershipFactory(
            community=thread.community, user__timezone=zones[number % len(zones)]
        ).user
        for number in range(readers)
    ]
    notify_many(
        kind="announcement",
        notices=[
            Notice(to=person, key=f"a:{person.pk}", context=CONTEXT, url="/t/1/")
            for person in people
        ],
        about=thread,
        capability="discussion.read",
    )
    return people


def alone(person, link):
    """The email as rendered for this person alone (what notify() does)."""
    context = {
        **CONTEXT,
        "recipient": person,
        "url": absolute_url("/t/1/"),
        "unsubscribe_url": link,
    }
    return render_kind_email(kind="announcement", context=context, zone_name=person.zone_name)


def test_each_reader_gets_the_email_rendered_for_them_alone_when_renderings_are_shared():
    people = announce(4, zones=("Europe/London", "America/Chicago"))

    for person in people:
        message = OutboxMessage.objects.get(key=f"a:{person.pk}")
        # Their own link (a token carries the second it was signed, so it is read back).
        token = message.unsubscribe_url.rstrip("/").rpartition("/")[2]
        assert read_unsubscribe_token(token) == (person.pk, "announcement")
        expected = alone(person, message.unsubscribe_url)
        assert (message.subject, message.body_text, message.body_html) == (
            expected.subject,
            expected.text,
            expected.html,
        )
        assert PLACEHOLDER not in message.body_text + message.body_html


def test_readers_in_one_zone_share_one_rendering_however_many_they_are():
    rendered = []

    def count(sender, **kwargs):
        rendered.append(kwargs["template"].name)

    template_rendered.connect(count)
    try:
        announce(3)
        for_three = len(rendered)
        rendered.clear()
        announce(30)
    finally:
        template_rendered.disconnect(count)

    assert len(rendered) == for_three


def test_a_template_that_reads_the_reader_is_rendered_for_each_reader():
    first, second, third = (MembershipFactory().user for _number in range(3))
    renderer = SharedRenderer("digest")  # its greeting names the reader
    context = {"groups": [], "item_count": 1, "mode": "daily"}

    emails = [
        renderer.render(context=context, url="", reader=person, unsubscribe_url=f"https://x/{n}")
        for n, person in enumerate((first, second, third))
    ]

    for person, email in zip((first, second, third), emails, strict=True):
        assert f"Hello {person.display_name}," in email.text
