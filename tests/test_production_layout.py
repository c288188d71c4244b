"""The production layout (README, "Running at scale"): two web processes (gunicorn, production
settings, DEBUG off, behind a TLS proxy that the test plays), two Celery workers and one beat, all
sharing one PostgreSQL (this test's database) and one Redis (a server of this test's own).

The site must act as one: a session made on one web process holds on the other, and what people
do through either web process is delivered by the workers together, each email once.
"""

import collections
import re
import secrets
from email.parser import BytesHeaderParser
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from communities.models import Attachment, Membership, OutboxMessage, OutboxStatus, Role, User
from tests.deadlines import wait_until, wait_while_progressing
from tests.factories import PASSWORD, MembershipFactory
from tests.services import RedisServer
from tests.upload_files import POLYGLOT_PDF, multipart
from tests.web_processes import Browser, WebProcess
from tests.workers import app_env, start_beat, start_celery, stop

MEMBERS = 1000  # two announcements to them: 2,000 emails
SENT_A_BATCH = re.compile(r"send_outbox_messages_task\[[^\]]+\] succeeded")


def production_env(redis_url: str, smtp_port: int, media_root: Path) -> dict[str, str]:
    """What a deployment sets on every machine (README's table); one SECRET_KEY for all, and
    one file store (here a folder both processes reach; README "File uploads")."""
    return app_env(
        MEDIA_ROOT=str(media_root),
        DJANGO_SETTINGS_MODULE="cop_platform.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        REDIS_URL=redis_url,
        ALLOWED_HOSTS="127.0.0.1",
        BEHIND_PROXY="1",
        SITE_URL="https://cop.example.org",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp_port),
        WEB_CONCURRENCY="1",  # two gunicorn masters are the point, not workers per master
    )


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def env(redis_server, smtp_server, tmp_path):
    return production_env(redis_server.url, smtp_server.port, tmp_path / "media")


@pytest.fixture
def web_processes(tmp_path, env):
    started = []
    try:
        for number in (1, 2):
            started.append(WebProcess(env, tmp_path / f"web-{number}.log").start())
        yield started
    finally:
        for web in started:
            web.stop()


@pytest.fixture
def workers(tmp_path, env):
    """Two workers and the one beat; returns the workers' log files once both are consuming."""
    logs = [tmp_path / f"worker-{number}.log" for number in (1, 2)]
    processes = [start_beat(env, tmp_path)]
    for number, log in enumerate(logs, start=1):
        args = ["worker", "--pool=solo", "--without-gossip", "--without-mingle", "--loglevel=INFO"]
        processes.append(start_celery([*args, f"--hostname=worker{number}@%h"], env, log))
    try:
        ready = wait_until(lambda: all(" ready." in log.read_text() for log in logs), timeout=60)
        assert ready, "\n".join(log.read_text()[-2000:] for log in logs)
        yield logs
    finally:
        for process in processes:
            stop(process)


def facilitator_with_members(count: int):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    # The web processes check passwords with production's hashers, not the suite's fast one.
    hasher = PBKDF2PasswordHasher()
    User.objects.filter(pk=facilitator.user_id).update(
        password=hasher.encode(PASSWORD, hasher.salt())
    )
    members = User.objects.bulk_create(
        User(email=f"member{n}@example.org", handle=f"member{n}", name=f"Member {n}")
        for n in range(count)
    )
    community = facilitator.community
    Membership.objects.bulk_create(Membership(community=community, user=m) for m in members)
    return facilitator.user, community


def received(smtp_server) -> list[tuple[str, str]]:
    """(Message-ID, To) of each message the SMTP server accepted, headers only: the full parse
    of 2,000 emails takes seconds on a busy machine."""
    with smtp_server.handler.lock:
        raw = list(smtp_server.handler.received)
    headers = [BytesHeaderParser().parsebytes(content) for content in raw]
    return [(header["Message-ID"], header["To"]) for header in headers]


def log_in(browser: Browser, web: WebProcess, email: str) -> None:
    browser.get(web, reverse("account_login"))  # the CSRF cookie
    answer = browser.post(web, reverse("account_login"), {"login": email, "password": PASSWORD})
    assert answer.status == 302, answer.body[-2000:]


def announce(browser: Browser, web: WebProcess, community, title: str) -> None:
    form = {"kind": "announcement", "title": title, "body": "Our meeting moves to Thursday."}
    answer = browser.post(web, reverse("communities:thread_create", args=[community.slug]), form)
    assert answer.status == 302, answer.body[-2000:]


@pytest.mark.django_db(transaction=True)
def test_two_web_and_two_worker_processes_share_sessions_and_deliver_each_email_once(
    web_processes, workers, smtp_server
):
    web_1, web_2 = web_processes
    facilitator, community = facilitator_with_members(MEMBERS)
    new_thread = reverse("communities:thread_create", args=[community.slug])
    browser = Browser()

    log_in(browser, web_1, facilitator.email)
    assert Browser().get(web_2, new_thread).status == 302  # to the login page: not public
    assert browser.get(web_2, new_thread).status == 200
    announce(browser, web_1, community, "Meeting moved")
    announce(browser, web_2, community, "Meeting moved again")

    # Progress is counted without parsing: the SMTP server's thread shares this process.
    wait_while_progressing(lambda: len(smtp_server.handler.received), target=2 * MEMBERS, stall=60)
    # A row is marked sent just after the SMTP server accepted it; once all are, nothing is
    # still on its way (a late duplicate would be counted below).
    outbox = OutboxMessage.objects.filter(kind="announcement")
    all_sent = wait_until(lambda: not outbox.exclude(status=OutboxStatus.SENT).exists(), timeout=30)
    messages = received(smtp_server)
    message_ids = {message_id for message_id, _to in messages}
    assert len(message_ids) == 2 * MEMBERS, "\n".join(log.read_text()[-2000:] for log in workers)
    assert len(messages) == len(message_ids)  # none twice
    recipients = collections.Counter(to for _message_id, to in messages)
    assert len(recipients) == MEMBERS
    assert set(recipients.values()) == {2}
    assert all_sent
    assert outbox.count() == 2 * MEMBERS
    assert all(SENT_A_BATCH.search(log.read_text()) for log in workers)  # both did some

    session_of_web_1 = dict(browser.cookies)
    assert browser.post(web_2, reverse("account_logout"), {}).status == 302
    assert Browser(session_of_web_1).get(web_1, new_thread).status == 302


@pytest.mark.django_db(transaction=True)
def test_a_file_uploaded_through_one_web_process_is_served_by_the_other(web_processes, env):
    web_1, web_2 = web_processes
    facilitator, community = facilitator_with_members(0)
    browser = Browser()
    log_in(browser, web_1, facilitator.email)
    new_thread = reverse("communities:thread_create", args=[community.slug])
    body, content_type = multipart(
        {"kind": "general", "title": "Minutes", "body": "Attached.", "post": "1"},
        [("attachments", "minutes.pdf", POLYGLOT_PDF)],
    )

    posted = browser.post_multipart(web_1, new_thread, body, content_type)
    attachment = Attachment.objects.get()
    url = reverse("communities:attachment", args=[community.slug, attachment.pk])
    served = browser.get(web_2, url)
    stranger = Browser().get(web_2, url)

    assert posted.status == 302, posted.body[-2000:]
    assert (Path(env["MEDIA_ROOT"]) / attachment.storage_name).is_file()
    assert served.status == 200
    assert served.body.encode("latin-1") == POLYGLOT_PDF
    assert served.headers["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert stranger.status == 302  # to the login page


@pytest.mark.django_db
def test_collected_static_files_are_cached_for_ever_by_their_hashed_names(tmp_path, env):
    web = WebProcess(env, tmp_path / "web.log").start()
    try:
        page = Browser().get(web, reverse("account_login")).body
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)
        hashed = Browser().get(web, stylesheet, **{"Accept-Encoding": "gzip"})
        plain = Browser().get(web, "/static/css/site.css")
    finally:
        web.stop()

    assert hashed.status == 200
    assert hashed.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert hashed.headers["Content-Encoding"] == "gzip"
    # An unhashed name may change content under the same URL: a CDN keeps it briefly.
    assert plain.status == 200
    assert plain.headers["Cache-Control"] == "max-age=60, public"
