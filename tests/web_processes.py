"""Web processes for tests about the production layout: gunicorn with the production config file
(gunicorn.conf.py) on a free port of 127.0.0.1, and a cookie-keeping client that reaches it as the
TLS-terminating proxy in front of it would (`BEHIND_PROXY=1`)."""

import http.client
import subprocess
import sys
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from tests.deadlines import scaled, wait_until
from tests.smtp import free_port
from tests.workers import stop

ROOT = Path(__file__).resolve().parent.parent
CLIENT_ADDRESS = "203.0.113.7"  # what the proxy appends to X-Forwarded-For
FORM_ENCODED = "application/x-www-form-urlencoded"


class WebProcess:
    """One gunicorn master and its workers, as one machine of the web tier runs it."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.env, self.log_path = env, log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> "WebProcess":
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c", str(ROOT / "gunicorn.conf.py"),
            "--bind", f"127.0.0.1:{self.port}",
        ]  # fmt: skip
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        if not wait_until(self._answers, timeout=60):
            self.stop()
            raise RuntimeError(f"gunicorn did not answer:\n{self.log_path.read_text()[-3000:]}")
        return self

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{self.log_path.read_text()[-3000:]}")
        try:
            Browser().get(self, "/accounts/login/")
        except OSError:
            return False
        return True

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


@dataclass
class Browser:
    """Cookies kept across requests, whichever web process answers: to the person, the site is
    one host behind one proxy. (Secure cookies are sent over this plain loopback HTTP because
    the proxy, played here, is where TLS ends.)"""

    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, web: WebProcess, path: str, **headers: str) -> Answer:
        return self._request(web, "GET", path, None, headers)

    def post(self, web: WebProcess, path: str, form: dict[str, str]) -> Answer:
        return self._request(
            web, "POST", path, urlencode(form), self._form_headers(web, FORM_ENCODED)
        )

    def post_multipart(self, web: WebProcess, path: str, body: bytes, content_type: str):
        """A form with files, `body` and `content_type` as tests/upload_files.py builds them."""
        return self._request(web, "POST", path, body, self._form_headers(web, content_type))

    def _form_headers(self, web: WebProcess, content_type: str) -> dict[str, str]:
        return {
            "Content-Type": content_type,
            # Over HTTPS Django's CSRF check compares the Origin with the host.
            "Origin": f"https://127.0.0.1:{web.port}",
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
        }

    def _request(self, web, method, path, body, headers) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", web.port, timeout=scaled(30))
        try:
            connection.request(method, path, body=body, headers=self._headers(headers))
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode("latin-1"))
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def _headers(self, extra: dict[str, str]) -> dict[str, str]:
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": CLIENT_ADDRESS, **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return headers
