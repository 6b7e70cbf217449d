"""The one settings module. Everything a deployment changes comes from environment variables.

The defaults run on a laptop: SQLite in var/ under the working directory, a secret key generated
once and kept in var/, plain HTTP on localhost. The README lists every variable.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("AUSTAUSCH_VAR_DIR", Path.cwd() / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envnetworks(name: str) -> list[str]:
    """Comma-separated IP addresses or networks (CIDR); a typo fails at start, not silently."""
    entries = envlist(name, "")
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name}: {entry!r} is not an IP address or network") from error
    return entries


def _secret_key() -> str:
    """AUSTAUSCH_SECRET_KEY, or a random key generated once and kept in var/secret_key."""
    if key := os.environ.get("AUSTAUSCH_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


DEBUG = envbool("AUSTAUSCH_DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("AUSTAUSCH_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# Behind TLS (production) every cookie is secure and plain HTTP is redirected.
HTTPS = envbool("AUSTAUSCH_HTTPS", False)

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, which it extends
    "austausch.web.apps.AdminConfig",  # Django's admin, behind the two-step sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "austausch.web",
    "austausch.audit",
    "austausch.accounts",
    "austausch.registry",
    "austausch.organisations",
    "austausch.knowledge",
    "austausch.programmes",
    "austausch.offers",
    "austausch.matching",
    "austausch.outcomes",
    "austausch.citizens",
    "austausch.radar",
    "austausch.exchanges",
    "austausch.demo",
    "austausch.portal",
]

MIDDLEWARE = [
    # Outermost: whatever goes wrong under /api/, inside or outside the API, is answered as JSON.
    "austausch.web.middleware.ApiErrorsAsJsonMiddleware",
    # Then everything after it (throttles, django-axes, logs) sees the client's address, not the proxy's.
    "austausch.web.client.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF reads the form), after the language is known (its 413 page).
    "austausch.web.middleware.RequestLimitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "austausch.web.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "austausch.urls"
WSGI_APPLICATION = "austausch.wsgi.application"

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
                "austausch.web.context_processors.site",
                "austausch.portal.context_processors.header_tools",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'austausch.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), conn_max_age=600)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers go on while the import writes; IMMEDIATE avoids "database is locked" on upgrade; a writer
    # waits up to 20 s for the one write lock (5 s ran out under 30 writers on two busy cores: 500s).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out people before checking passwords
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "home"
INVITATION_DAYS = int(os.environ.get("AUSTAUSCH_INVITATION_DAYS", "14"))

# Login throttling counts failures per account and address together: five wrong passwords from one
# address lock that address out of that account for a quarter of an hour (429), and nobody else, so
# that a stranger cannot lock anyone out of their own account.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AUSTAUSCH_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "austausch.web.client.client_address"
AXES_USERNAME_FORM_FIELD = "username"  # Django's login form names the e-mail field "username"
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

EMAIL_BACKEND = os.environ.get("AUSTAUSCH_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("AUSTAUSCH_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("AUSTAUSCH_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("AUSTAUSCH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("AUSTAUSCH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("AUSTAUSCH_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("AUSTAUSCH_FROM_EMAIL", "Austausch <noreply@localhost>")
OTP_TOTP_ISSUER = "Austausch"

# Argon2id first (see austausch/accounts/hashers.py); PBKDF2 after it so that passwords stored before still
# verify, and Django stores them anew with Argon2id at their owner's next sign-in.
PASSWORD_HASHERS = [
    "austausch.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# Content in two languages (django-modeltranslation, fields in each app's translation.py): a record's text
# may exist in German, English or both; a page shows its reader's language, else the other one, marked.
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("de", "en")}
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["austausch.lib.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"  # filled by `austausch collectstatic` for production
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Photos and documents of meetings; served only through the programmes' own view, which checks access.
MEDIA_ROOT = Path(os.environ.get("AUSTAUSCH_MEDIA_DIR", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Front-end packages come from the npm registry (package.json); only what a page needs is served.
NODE_MODULES = Path(os.environ.get("AUSTAUSCH_NODE_MODULES", PROJECT_DIR / "node_modules"))
# KERN UX: the design system's CSS cut down at install time to the rules our pages use (scripts/purge_css.py),
# or npm's whole copy where that has not run.
KERN_DIR = PROJECT_DIR / "build" / "kern"
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/kern", KERN_DIR if KERN_DIR.is_dir() else NODE_MODULES / "@kern-ux" / "native" / "dist"),
]
# The two faces of Fira Sans, cut down at install time to the characters the pages use (scripts/subset_fonts.py).
FONTS_DIR = PROJECT_DIR / "build" / "fonts"
if FONTS_DIR.is_dir():
    STATICFILES_DIRS.append(("vendor/fonts", FONTS_DIR))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "austausch.web.staticfiles.HashedStaticFilesStorage"},
}
# Collected files (`austausch collectstatic`, which `make run` does) are served compressed under names that
# change with their content, cached for a year; only where nothing was collected (development, tests) are the
# originals served from where they lie, under their plain names, uncompressed.
WHITENOISE_USE_FINDERS = DEBUG or not any(STATIC_ROOT.iterdir())

# No inline scripts anywhere: htmx is a file, its config a meta tag, its indicator styles off.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The largest request body: one file at the uploads' limit (10 MB) with its form, or a few texts for
# the radar. Larger bodies answer 413 unread. Form fields alone stay under Django's 2.5 MB (also 413).
MAX_REQUEST_BYTES = int(float(os.environ.get("AUSTAUSCH_MAX_REQUEST_MB", "12")) * 1024 * 1024)
# No page uses these browser features; nothing embedded may ask for them either.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), midi=(), payment=(), usb=()"
)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# The reverse proxies in front (addresses or networks): only requests from them may name the client's
# address in X-Forwarded-For. Empty: the connection's own address is the client's.
TRUSTED_PROXIES = envnetworks("AUSTAUSCH_TRUSTED_PROXIES")
if envbool("AUSTAUSCH_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Background work (embeddings, e-mails in bulk) goes through django-tasks' database queue;
# `austausch db_worker` runs it. Tests and small installs may switch to the immediate backend.
TASKS = {"default": {"BACKEND": os.environ.get("AUSTAUSCH_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

NINJA_PAGINATION_PER_PAGE = 50


def envpositive(name: str, default: str) -> float:
    try:
        value = float(os.environ.get(name) or default)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a number, not {os.environ.get(name)!r}") from error
    if value <= 0:
        raise ImproperlyConfigured(f"{name} must be more than 0, not {value:g}")
    return value


# The radar reads a text for at most this long, and only its first characters up to this many: a longer
# text is read in part, a slower one stopped, each with a message saying so (radar/extraction/budget.py).
RADAR_BUDGET_SECONDS = envpositive("AUSTAUSCH_RADAR_BUDGET_SECONDS", "20")
RADAR_BUDGET_CHARACTERS = int(envpositive("AUSTAUSCH_RADAR_BUDGET_CHARACTERS", "100000"))

# Registry pages change only when `registry import` runs, so each worker keeps rendered town pages
# for a few minutes (per URL and language). A multi-server deployment may point this at Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20_000}}}
PAGE_CACHE_SECONDS = int(os.environ.get("AUSTAUSCH_PAGE_CACHE_SECONDS", "300"))

# The platform's public address, for links in e-mails sent outside a request (reminders).
BASE_URL = os.environ.get("AUSTAUSCH_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Readers without an account (the citizens app): comments and follow requests allowed per e-mail
# address and per IP address in an hour (more answer 429), reports that hide a comment until a
# moderator decides, and the moderation of comments outside a programme that chose ("pre" or "post").
CITIZENS_PER_ADDRESS_PER_HOUR = int(os.environ.get("AUSTAUSCH_COMMENTS_PER_ADDRESS_PER_HOUR", "5"))
CITIZENS_PER_IP_PER_HOUR = int(os.environ.get("AUSTAUSCH_COMMENTS_PER_IP_PER_HOUR", "20"))
CITIZENS_REPORT_THRESHOLD = int(os.environ.get("AUSTAUSCH_COMMENT_REPORTS_TO_HIDE", "3"))
CITIZENS_DEFAULT_MODERATION = os.environ.get("AUSTAUSCH_COMMENT_MODERATION", "pre")
if CITIZENS_DEFAULT_MODERATION not in ("pre", "post"):
    raise ImproperlyConfigured(f"AUSTAUSCH_COMMENT_MODERATION must be pre or post, not {CITIZENS_DEFAULT_MODERATION!r}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("AUSTAUSCH_LOG_LEVEL", "WARNING")},
}
