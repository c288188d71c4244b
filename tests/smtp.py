"""A real SMTP server (aiosmtpd) on a free port of 127.0.0.1 that records what it accepts."""

import logging
import socket
import threading
from email.parser import BytesParser
from email.policy import default as default_policy

from aiosmtpd.controller import Controller

from tests.deadlines import scaled

# aiosmtpd logs every SMTP command at INFO; a failing test's output should show the failure.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    def __init__(self):
        self.lock = threading.Lock()
        self.received: list[bytes] = []
        # address → SMTP reply, e.g. "550 5.1.1 No such user" or "451 4.7.1 Try later"
        self.replies: dict[str, str] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.replies:
            return self.replies[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            self.received.append(envelope.content)
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        parser = BytesParser(policy=default_policy)
        with self.lock:
            raw = list(self.received)
        return [str(parser.parsebytes(content, headersonly=True)["Message-ID"]) for content in raw]

    def messages(self):
        parser = BytesParser(policy=default_policy)
        with self.lock:
            return [parser.parsebytes(content) for content in self.received]


class SmtpServer:
    """Start, stop and start again on the same port (to play a mail server outage)."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.handler = RecordingHandler()
        self.controller: Controller | None = None

    def start(self) -> "SmtpServer":
        # The server's thread shares this process with the test: on a busy machine it may need
        # longer than aiosmtpd's 5 s to say it is ready.
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=scaled(5)
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def mailers_setting(self) -> dict:
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": scaled(5)},
            }
        }
