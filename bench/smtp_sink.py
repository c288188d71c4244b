"""An SMTP server that accepts everything and writes down what it received:
`python bench/smtp_sink.py PORT RECEIVED_FILE` appends each message's Message-ID to the file, one
a line, so the benchmark counts only its own messages as delivered."""

import asyncio
import re
import sys

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class RecordingHandler:
    def __init__(self, received):
        self.received = received

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        # Only the headers are searched: a body line may start with the same words.
        headers = envelope.original_content.partition(b"\r\n\r\n")[0]
        found = MESSAGE_ID.search(headers)
        self.received.write((found.group(1) if found else b"-").decode() + "\n")
        return "250 OK"


async def main(port: int, path: str) -> None:
    with open(path, "a", buffering=1) as received:
        controller = Controller(RecordingHandler(received), hostname="127.0.0.1", port=port)
        controller.start()
        try:
            await asyncio.Event().wait()
        finally:
            controller.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
