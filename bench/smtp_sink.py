"""An SMTP server that accepts everything and counts it: `python bench/smtp_sink.py PORT`."""

import asyncio
import sys

from aiosmtpd.controller import Controller


class CountingHandler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.count += 1
        return "250 OK"


async def main(port: int) -> None:
    controller = Controller(CountingHandler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        await asyncio.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
