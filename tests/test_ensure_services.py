"""`make test` installs what the machine lacks when it may, and otherwise says what to run.

scripts/ensure-test-services runs here against a stand-in machine: a PATH holding only fake
`apt-get`, `sudo`, `id`, `redis-server`, `pg_ctlcluster`, `psql`, … that record their calls, a
port probe that answers from files, and a Chromium path in a temporary folder. Nothing on the real
machine is installed, started or removed.
"""

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "ensure-test-services"
# Real tools the script leans on besides the ones faked below.
REAL_TOOLS = [
    *("bash", "env", "true", "seq", "sleep", "tr", "grep"),
    *("mkdir", "basename", "touch", "cp", "chmod"),
]

# Each fake logs `name args…` to $LOG. Services "start" by creating the file the port probe reads;
# psql keeps the role and database as files too.
FAKES = {
    "apt-get": """
echo "apt-get DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> "$LOG"
[ "$1" = install ] || exit 0
for package in "$@"; do
  case $package in
    chromium) touch "$MACHINE/chromium" && chmod +x "$MACHINE/chromium" ;;
    redis-server) cp "$MACHINE/packages/redis-server" "$MACHINE/bin/" ;;
    postgresql)
      cp "$MACHINE/packages/pg_ctlcluster" "$MACHINE/packages/psql" "$MACHINE/packages/createdb" \
        "$MACHINE/bin/"
      mkdir -p "$MACHINE/etc-postgresql/15/main" ;;
  esac
done
""",
    "redis-server": 'echo "redis-server $*" >> "$LOG"; touch "$MACHINE/port-6379"',
    "pg_ctlcluster": 'echo "pg_ctlcluster $*" >> "$LOG"; touch "$MACHINE/port-5432"',
    "psql": """
echo "psql $*" >> "$LOG"
case "$*" in
  *"-h 127.0.0.1"*) [ -e "$MACHINE/database" ] || exit 2; echo 150004 ;;
  *server_version_num*) echo 150004 ;;
  *pg_roles*) [ -e "$MACHINE/role" ] && echo 1 ;;
  *pg_database*) [ -e "$MACHINE/database" ] && echo 1 ;;
  *"CREATE ROLE"*) touch "$MACHINE/role" ;;
esac
exit 0
""",
    "createdb": 'echo "createdb $*" >> "$LOG"; touch "$MACHINE/database"',
    "runuser": 'echo "runuser $*" >> "$LOG"; shift 3; exec "$@"',  # drops `-u postgres --`
    "port-open": '[ -e "$MACHINE/port-$1" ]',
}
ROOT_ID = "echo 0"
USER_ID = "echo 1000"
# `sudo -n` as configured with NOPASSWD, and as it answers when it would have to ask.
SUDO_ALLOWED = """
echo "sudo $*" >> "$LOG"
shift  # -n
[ "$1" = -u ] && shift 2  # -u postgres
exec "$@"
"""
SUDO_REFUSED = 'echo "sudo $*" >> "$LOG"; echo "a password is required" >&2; exit 1'


@dataclass
class Machine:
    root: Path

    def write(self, path: str, body: str) -> None:
        script = self.root / path
        script.write_text(f"#!/bin/bash\n{body.strip()}\n")
        script.chmod(0o755)

    def install(self, *names: str) -> None:
        for name in names:
            shutil.copy(self.root / "packages" / name, self.root / "bin" / name)

    def mark(self, *names: str) -> None:
        for name in names:
            (self.root / name).touch()

    def run(self) -> subprocess.CompletedProcess:
        env = {
            "PATH": str(self.root / "bin"),
            "LOG": str(self.root / "calls.log"),
            "MACHINE": str(self.root),
            "CHROMIUM_PATH": str(self.root / "chromium"),
            "PORT_PROBE": str(self.root / "bin" / "port-open"),
            "POSTGRES_CONF_DIR": str(self.root / "etc-postgresql"),
        }
        return subprocess.run(  # noqa: S603
            [shutil.which("bash"), str(SCRIPT)],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def calls(self, name: str) -> list[str]:
        log = self.root / "calls.log"
        lines = log.read_text().splitlines() if log.exists() else []
        return [line for line in lines if line.split(" ", 1)[0] == name]


@pytest.fixture
def machine(tmp_path) -> Machine:
    """A root machine with nothing installed and nothing running."""
    machine = Machine(tmp_path)
    for folder in ("bin", "packages"):
        (tmp_path / folder).mkdir()
    for tool in REAL_TOOLS:
        (tmp_path / "bin" / tool).symlink_to(shutil.which(tool))
    for name in ("apt-get", "runuser", "port-open"):
        machine.write(f"bin/{name}", FAKES[name])
    for name in ("redis-server", "pg_ctlcluster", "psql", "createdb"):
        machine.write(f"packages/{name}", FAKES[name])
    machine.write("bin/id", ROOT_ID)
    return machine


def everything_installed(machine: Machine) -> None:
    machine.install("redis-server", "pg_ctlcluster", "psql", "createdb")
    (machine.root / "etc-postgresql" / "15" / "main").mkdir(parents=True)
    machine.mark("chromium")
    (machine.root / "chromium").chmod(0o755)


def test_nothing_is_installed_or_started_when_everything_runs(machine):
    everything_installed(machine)
    machine.mark("port-6379", "port-5432", "role", "database")

    result = machine.run()

    assert result.returncode == 0, result.stderr
    assert machine.calls("apt-get") == []
    assert machine.calls("redis-server") == []
    assert machine.calls("pg_ctlcluster") == []
    assert machine.calls("runuser") == []  # the test role answered for itself


def test_chromium_is_installed_with_apt_when_missing_as_root(machine):
    everything_installed(machine)
    (machine.root / "chromium").unlink()
    machine.mark("port-6379", "port-5432", "role", "database")

    result = machine.run()

    assert result.returncode == 0, result.stderr
    assert machine.calls("apt-get") == [
        "apt-get DEBIAN_FRONTEND=noninteractive update -qq",
        "apt-get DEBIAN_FRONTEND=noninteractive install -y -qq chromium",
    ]


def test_missing_pieces_stop_the_run_with_the_sudo_command_when_not_root(machine):
    everything_installed(machine)
    (machine.root / "chromium").unlink()
    (machine.root / "bin" / "redis-server").unlink()
    machine.write("bin/id", USER_ID)
    machine.write("bin/sudo", SUDO_REFUSED)

    result = machine.run()

    assert result.returncode != 0
    assert "sudo apt-get install -y chromium redis-server" in result.stderr
    assert machine.calls("apt-get") == []


def test_the_root_command_is_named_when_there_is_no_sudo(machine):
    everything_installed(machine)
    (machine.root / "chromium").unlink()
    machine.mark("port-6379", "port-5432", "role", "database")
    machine.write("bin/id", USER_ID)

    result = machine.run()

    assert result.returncode != 0
    assert "As root" in result.stderr
    assert "apt-get install -y chromium" in result.stderr
    assert machine.calls("apt-get") == []


def test_missing_pieces_are_installed_through_passwordless_sudo(machine):
    everything_installed(machine)
    (machine.root / "chromium").unlink()
    machine.mark("port-6379", "port-5432", "role", "database")
    machine.write("bin/id", USER_ID)
    machine.write("bin/sudo", SUDO_ALLOWED)

    result = machine.run()

    assert result.returncode == 0, result.stderr
    assert "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium" in (
        machine.calls("sudo")
    )
    assert machine.calls("apt-get")[-1].endswith("install -y -qq chromium")


def test_a_bare_root_machine_gets_all_three_installed_started_and_the_test_database(machine):
    result = machine.run()

    assert result.returncode == 0, result.stderr
    assert machine.calls("apt-get")[-1] == (
        "apt-get DEBIAN_FRONTEND=noninteractive install -y -qq chromium redis-server postgresql"
    )
    assert machine.calls("pg_ctlcluster") == [
        "pg_ctlcluster --skip-systemctl-redirect 15 main start"
    ]
    assert len(machine.calls("redis-server")) == 1
    created = [call for call in machine.calls("psql") if "CREATE ROLE" in call]
    assert len(created) == 1
    assert machine.calls("createdb") == ["createdb -O cop_platform cop_platform"]


def test_installed_services_that_are_down_are_started_without_installing(machine):
    everything_installed(machine)
    machine.mark("role", "database")

    result = machine.run()

    assert result.returncode == 0, result.stderr
    assert machine.calls("apt-get") == []
    assert len(machine.calls("pg_ctlcluster")) == 1
    assert len(machine.calls("redis-server")) == 1


def test_postgresql_that_is_down_is_started_through_sudo_when_not_root(machine):
    everything_installed(machine)
    machine.mark("port-6379", "role", "database")
    machine.write("bin/id", USER_ID)
    machine.write("bin/sudo", SUDO_ALLOWED)

    result = machine.run()

    assert result.returncode == 0, result.stderr
    assert "sudo -n pg_ctlcluster --skip-systemctl-redirect 15 main start" in machine.calls("sudo")
    assert machine.calls("apt-get") == []
