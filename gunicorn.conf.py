"""Gunicorn's settings for production: `gunicorn -c gunicorn.conf.py` from the project root.

Every value can be overridden on the command line or in GUNICORN_CMD_ARGS (both win over this
file), e.g. `GUNICORN_CMD_ARGS="--bind 0.0.0.0:8000"` inside a container.
"""

import os
from pathlib import Path

wsgi_app = "cop_platform.wsgi:application"

# Loopback by default: the site sits behind a TLS-terminating proxy on the same host (see
# BEHIND_PROXY in the README). Gunicorn's own default for PORT would listen on every interface.
bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"


def _default_workers() -> int:
    # Sync workers wait on the database, so more processes than cores keep the CPU busy;
    # 2 x cores + 1 is gunicorn's own advice. The affinity mask, not the machine's count, is what a
    # container or taskset gives this process.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 * (cores or 1) + 1


workers = int(os.environ.get("WEB_CONCURRENCY") or _default_workers())

# Each worker touches a heartbeat file every few seconds; on a disk-backed /tmp (or an overlay
# filesystem in a container) that write can stall and the arbiter kills a healthy worker. /dev/shm
# is memory-backed.
# (S108 warns about predictable temporary paths; only gunicorn's own unlinked files go here.)
if Path("/dev/shm").is_dir():  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# Every slow job (imports, email, digests) runs on a Celery worker, so a request still running
# after 30 s is stuck, not busy: better to free the worker. Uploads from slow clients are the
# proxy's to buffer, not a sync worker's.
timeout = 30
# A restart lets requests in flight finish for this long before workers are killed.
graceful_timeout = 30

# Logs go to the process's own streams, for journald or the container runtime to collect.
accesslog = "-"
errorlog = "-"
