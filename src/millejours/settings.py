"""Mille Jours settings, read from the environment.

With no variable set, the platform runs on an embedded SQLite database under
``MILLEJOURS_DATA_DIR`` (default ``./var/``). ``DATABASE_URL`` selects PostgreSQL in
production (``postgres://user:pass@host:5432/name``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url

from millejours.conf.env import DATA_DIR, env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent

DEBUG = env_bool("DEBUG", False)
# Tests (scripts/test sets MILLEJOURS_TESTING=1; a bare pytest run is recognised too and
# passes the flag on to the commands the suite starts as subprocesses).
TESTING = env_bool("MILLEJOURS_TESTING", False) or "pytest" in sys.modules
if TESTING:
    os.environ.setdefault("MILLEJOURS_TESTING", "1")
SECRET_KEY = env("SECRET_KEY", "")
# Without SECRET_KEY (demo and tests only: elsewhere start-up is refused, see the end of
# this file) one fixed, public key is used, so that data encrypted by one command can be
# read by the server. `check --deploy` refuses it (it starts with "django-insecure").
INSECURE_FALLBACK_KEY = (
    "django-insecure-millejours-unset-key-set-SECRET_KEY-in-production-0123456789"
)
_SECRET_KEY_SET = bool(SECRET_KEY)
SECRET_KEY = SECRET_KEY or INSECURE_FALLBACK_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Demo mode relaxes a few rules for the demo territory (documented in the README); it is
# refused together with production settings (see accounts checks).
DEMO_MODE = env_bool("MILLEJOURS_DEMO", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its packaged Swagger UI files (no CDN), see docs/interop.md
    "millejours.core",
    "millejours.accounts",
    "millejours.territory",
    "millejours.pathway",
    "millejours.audit",
    "millejours.privacy",
    "millejours.screening",
    "millejours.directory",
    "millejours.orientations",
    "millejours.followup",
    "millejours.programme",
    "millejours.outreach",
    "millejours.indicators",
    "millejours.interop",
    "millejours.clinical",
    "millejours.checkup",
    "millejours.ops",
    "millejours.maintenance",
]

MIDDLEWARE = [
    "millejours.ops.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "millejours.core.i18n.FrenchOutsideFamilyPagesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "millejours.accounts.middleware.SessionIdleTimeoutMiddleware",
    "millejours.accounts.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    "millejours.audit.access.AccessLogMiddleware",
]

ROOT_URLCONF = "millejours.urls"
WSGI_APPLICATION = "millejours.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "millejours.core.context_processors.navigation",
            ],
            # The French interface is written with translation tags ({% translate %},
            # {% blocktranslate %}) so that the parent pages can be offered in other languages:
            # every template may use them without a {% load i18n %} line.
            "builtins": ["django.templatetags.i18n"],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'millejours.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=20000; PRAGMA cache_size=-65536;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env("MILLEJOURS_TEST_SQLITE", "") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background tasks (DB-backed queue, no broker) ------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Authentication -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ---------------------------------------------------------------
# French is the source language and the default; parent-facing and public pages are also
# in English and Arabic (docs/langues.md). Other pages always render in French.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MIMETYPES = {
    ".webmanifest": "application/manifest+json"
}  # the web manifest (core/static)

# --- E-mail (conf/email.py) ------------------------------------------------------------
from millejours.conf.email import *  # noqa: E402, F403

# --- Security (hardened further by the trust app) ---------------------------------------
# Django's database sessions, read with one precompiled statement (accounts/sessions.py).
SESSION_ENGINE = "millejours.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and not DEMO_MODE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Logging and error reporting (owned by the ops app) --------------------------------------
# MILLEJOURS_LOG_FORMAT=json: one JSON object per line, and one line per request (method,
# URL pattern, status, duration; never the query string). SENTRY_DSN: optional error reports.
from millejours.ops.logs import init_sentry, logging_config  # noqa: E402

LOGGING = logging_config(env("MILLEJOURS_LOG_FORMAT", "text"), env("LOG_LEVEL", "WARNING"))
SENTRY_ENABLED = init_sentry(env("SENTRY_DSN"), env("SENTRY_ENVIRONMENT"), env("SENTRY_RELEASE"))
# Health page (/sante/): how old the worker's and the scheduler's last sign of life may be,
# and how late a queued message may be, before the page answers 503.
MILLEJOURS_HEALTH_WORKER_MINUTES = env_int("MILLEJOURS_HEALTH_WORKER_MINUTES", 15)
MILLEJOURS_HEALTH_SCHEDULER_MINUTES = env_int("MILLEJOURS_HEALTH_SCHEDULER_MINUTES", 15)
MILLEJOURS_HEALTH_OUTBOX_LATE_MINUTES = env_int("MILLEJOURS_HEALTH_OUTBOX_LATE_MINUTES", 60)

# --- Mille Jours ------------------------------------------------------------------------------
MILLEJOURS_SITE_URL = env("MILLEJOURS_SITE_URL", "http://127.0.0.1:8000")
MILLEJOURS_WORKLIST_PAGE_SIZE = env_int("MILLEJOURS_WORKLIST_PAGE_SIZE", 50)

# --- trust: authentication and hardening (owned by the trust app) --------------------------
# Second factor (TOTP, django-otp): required for every role except parents. The demo may
# relax it (MILLEJOURS_DEMO=1); a deploy check refuses it with production settings.
MILLEJOURS_MFA_REQUIRED = env_bool("MILLEJOURS_MFA_REQUIRED", not DEMO_MODE)
# Outside demo mode a device is enrolled only through a one-time link (accounts.enrolment),
# valid this many hours.
MILLEJOURS_ENROLMENT_LINK_HOURS = env_int("MILLEJOURS_ENROLMENT_LINK_HOURS", 48)
OTP_TOTP_ISSUER = env("MILLEJOURS_OTP_ISSUER", "Mille Jours")
# Inactivity timeout (minutes): professionals and every non-parent role / parents.
MILLEJOURS_SESSION_IDLE_MINUTES = env_int("MILLEJOURS_SESSION_IDLE_MINUTES", 30)
MILLEJOURS_PARENT_SESSION_IDLE_MINUTES = env_int("MILLEJOURS_PARENT_SESSION_IDLE_MINUTES", 120)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
# Client IP behind reverse proxies: the number of proxies that append to X-Forwarded-For
# (0 = use REMOTE_ADDR, ignore the header). Used by lib.throttle and django-axes.
MILLEJOURS_TRUSTED_PROXIES = env_int("MILLEJOURS_TRUSTED_PROXIES", 0)
# Login throttling (django-axes): lock a (login, IP address) pair after N failures, and
# the login itself after N failures from any mix of addresses (IP rotation).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("MILLEJOURS_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = env_int("MILLEJOURS_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_CLIENT_IP_CALLABLE = "millejours.lib.client_ip.client_ip"
AXES_IPWARE_PROXY_COUNT = MILLEJOURS_TRUSTED_PROXIES  # only read if django-ipware were installed
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# HTTPS (behind a TLS terminator): HSTS, redirects and secure cookies.
MILLEJOURS_HTTPS = env_bool("MILLEJOURS_HTTPS", False)
if MILLEJOURS_HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
if env_bool("MILLEJOURS_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"


# Content-Security-Policy: conf/csp.py.
from millejours.conf.csp import *  # noqa: E402, F403

# --- directory / orientations ---
MILLEJOURS_MAP_TILES_URL = env(
    "MILLEJOURS_MAP_TILES_URL", ""
)  # e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png
MILLEJOURS_MAP_TILES_ATTRIBUTION = env("MILLEJOURS_MAP_TILES_ATTRIBUTION", "© OpenStreetMap")
MILLEJOURS_GEOCODER = env(
    "MILLEJOURS_GEOCODER", "offline"
)  # "offline" (communes) or "geoplateforme"
MILLEJOURS_GEOCODER_URL = env(
    "MILLEJOURS_GEOCODER_URL",
    env("MILLEJOURS_GEOCODER_BAN_URL", "https://data.geopf.fr/geocodage/search"),
)
MILLEJOURS_GEOCODER_MIN_SCORE = float(env("MILLEJOURS_GEOCODER_MIN_SCORE", "0.5"))
# data·inclusion feed (docs/directory.md); empty URL: off. Example: https://api.data.inclusion.gouv.fr/api/v1
MILLEJOURS_DATAINCLUSION_URL = env("MILLEJOURS_DATAINCLUSION_URL")
MILLEJOURS_DATAINCLUSION_TOKEN = env("MILLEJOURS_DATAINCLUSION_TOKEN")
MILLEJOURS_DATAINCLUSION_DEPARTEMENTS = env(
    "MILLEJOURS_DATAINCLUSION_DEPARTEMENTS"
)  # e.g. "31" or "31,81"
MILLEJOURS_DIRECTORY_CHECK_DAYS = env_int("MILLEJOURS_DIRECTORY_CHECK_DAYS", 365)
MILLEJOURS_ORIENTATION_REMINDER_DAYS = env_int("MILLEJOURS_ORIENTATION_REMINDER_DAYS", 7)
MILLEJOURS_ORIENTATION_LINK_DAYS = env_int("MILLEJOURS_ORIENTATION_LINK_DAYS", 8)
# Pro Santé Connect (optional OIDC login of health professionals): conf/psc.py.
from millejours.conf.psc import *  # noqa: E402, F403

if MILLEJOURS_PSC_ENABLED:  # noqa: F405
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "millejours.accounts.psc.PSCBackend"]
# Break the glass: duration of an exceptional access (hours) and who is told (DPO).
MILLEJOURS_BREAK_GLASS_HOURS = env_int("MILLEJOURS_BREAK_GLASS_HOURS", 4)
MILLEJOURS_DPO_EMAILS = env_list("MILLEJOURS_DPO_EMAILS")
# RGPD: families are anonymised N years after the end of their pathway (2nd birthday).
MILLEJOURS_RETENTION_YEARS = env_int("MILLEJOURS_RETENTION_YEARS", 3)
# Uploads (audit.uploads.validate_upload): maximum size in megabytes.
MILLEJOURS_UPLOAD_MAX_MB = env_int("MILLEJOURS_UPLOAD_MAX_MB", 10)
# Encryption at rest (audit.fields): comma-separated Fernet keys, the first encrypts.
MILLEJOURS_FIELD_KEYS = env_list("MILLEJOURS_FIELD_KEYS")
# Access log (audit.chain): comma-separated HMAC keys (32+ characters), the first signs,
# all verify (rotation: put the new key first, keep the old ones). Anchors of its head
# (audit.anchors): stores "file" and/or "email" (to MILLEJOURS_DPO_EMAILS), file directory.
MILLEJOURS_ACCESSLOG_KEYS = env_list("MILLEJOURS_ACCESSLOG_KEYS")
MILLEJOURS_ACCESSLOG_ANCHOR_STORES = env_list("MILLEJOURS_ACCESSLOG_ANCHOR_STORES", "file")
MILLEJOURS_ACCESSLOG_ANCHOR_DIR = Path(
    env("MILLEJOURS_ACCESSLOG_ANCHOR_DIR", str(DATA_DIR / "anchors"))
).resolve()

# --- outreach (conf/outreach.py) ---
from millejours.conf.outreach import *  # noqa: E402, F403

# --- programme ---
# Hourly compensation per participation role, overriding programme/data/tarifs.yaml:
# MILLEJOURS_PROGRAMME_RATES="animation=60,participation=40,organisation=50"
PROGRAMME_RATES = {
    key.strip(): value.strip()
    for key, value in (
        item.split("=", 1) for item in env_list("MILLEJOURS_PROGRAMME_RATES") if "=" in item
    )
}

# --- Start-up refusal of insecure secrets (audit.startup) -------------------------------------
# Calculators that read neither the database nor any secret (``millejours calendar``,
# ``millejours score``, help) run anywhere: refusing them protects no data.
OFFLINE_COMMANDS = frozenset(
    {"calendar", "score", "checkup", "help", "--help", "-h", "--version", "version"}
)
OFFLINE_COMMAND = (
    len(sys.argv) > 1
    and Path(sys.argv[0]).name in {"millejours", "manage.py", "__main__.py"}
    and sys.argv[1] in OFFLINE_COMMANDS
)
from millejours.audit.startup import check_secrets  # noqa: E402

check_secrets(
    secret_key=SECRET_KEY if _SECRET_KEY_SET else "",
    field_keys=MILLEJOURS_FIELD_KEYS,
    accesslog_keys=MILLEJOURS_ACCESSLOG_KEYS,
    relaxed=DEMO_MODE or TESTING or OFFLINE_COMMAND,
)
