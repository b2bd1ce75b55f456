"""Settings, read from the environment (twelve-factor).

DATABASE_URL    SQLite file under ./var by default; postgres://… in production and CI.
SECRET_KEY      always required; on a development machine the `doithoai` command takes it from
                the local file that scripts/serve writes once (doithoai.localenv).
DEBUG           off by default: production-safe unless asked otherwise.
ALLOWED_HOSTS   comma-separated; 127.0.0.1,localhost by default.
EMAIL_URL       smtp://user:pass@host:587 (console output by default); DEFAULT_FROM_EMAIL.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from doithoai.core import deadlines
from doithoai.localenv import data_dir, local_env_path

PACKAGE_DIR = Path(__file__).resolve().parent
env = environ.Env()

DATA_DIR = data_dir()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    # No well-known fallback key, not even for DEBUG: a development machine has its own,
    # generated once by scripts/serve (doithoai.localenv). Production says DEBUG off: the
    # message then names the variable only.
    message = "Thiếu biến môi trường SECRET_KEY"
    message += " (bắt buộc khi DEBUG tắt)." if not DEBUG else "."
    if DEBUG or "DEBUG" not in os.environ:
        message += (" Trên máy phát triển, chạy ./scripts/serve một lần: lệnh này tạo tệp "
                    f"cấu hình {local_env_path()} có khóa bí mật riêng, lệnh doithoai tự đọc "
                    "tệp đó. Hoặc đặt SECRET_KEY.")
    raise ImproperlyConfigured(message)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASE_URL_DISPLAY = env.str(
    "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'doithoai.sqlite3'}"
)
SUPPORTED_DATABASES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}
DATABASES = {"default": environ.Env.db_url_config(DATABASE_URL_DISPLAY)}
if DATABASES["default"].get("ENGINE") not in SUPPORTED_DATABASES:
    raise ImproperlyConfigured(
        "DATABASE_URL không hợp lệ: chỉ hỗ trợ sqlite:///đường/dẫn hoặc "
        "postgres://người_dùng:mật_khẩu@máy:cổng/tên_csdl."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # A transaction takes the write lock when it begins: one that reads and then writes while
    # another connection writes would otherwise fail at once with "database is locked"
    # (SQLite does not wait there, it could deadlock); this way it waits its turn, up to the
    # busy timeout (Python's default 5 s is too short for a burst of writers). Seen with
    # citizens registering from their phones at once in the hall (bench/live.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE",
                                                          timeout=20)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if "TEST" not in DATABASES["default"] and env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME")}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "doithoai.web.apps.AxesConfig",
    "doithoai.org",
    "doithoai.audit",
    "doithoai.workdays",
    "doithoai.dialogues",
    "doithoai.petitions",
    "doithoai.public",
    "doithoai.documents",
    "doithoai.live",
    "doithoai.web",
    "doithoai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "doithoai.web.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "doithoai.web.middleware.DatabaseUnavailableMiddleware",
    # Axes last: it turns repeated failed logins into a lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "doithoai.urls"
WSGI_APPLICATION = "doithoai.wsgi.application"

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
                "django.template.context_processors.i18n",
                "doithoai.web.context.navigation",
            ],
            # The law's date format on every page: {{ x|day }}, {{ x|moment }}.
            "builtins": ["doithoai.org.templatetags.dates"],
        },
    }
]

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lock an account for a while after repeated wrong passwords from the same address.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "doithoai.web.views.locked_out"
AXES_VERBOSE = False
# Number of reverse proxies in front of the app (nginx: 1); 0 = clients connect directly.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "doithoai.web.client_ip.client_ip"

# Public pages: submissions and unknown-code lookups allowed per client address.
PUBLIC_SUBMIT_LIMIT_HOUR = env.int("PUBLIC_SUBMIT_LIMIT_HOUR", default=5)
PUBLIC_SUBMIT_LIMIT_DAY = env.int("PUBLIC_SUBMIT_LIMIT_DAY", default=20)
PUBLIC_TRACK_LIMIT = env.int("PUBLIC_TRACK_LIMIT", default=30)
PUBLIC_TRACK_WINDOW_MINUTES = env.int("PUBLIC_TRACK_WINDOW_MINUTES", default=10)
LIVE_QR_PER_DEVICE = env.int("LIVE_QR_PER_DEVICE", default=3)
LIVE_QR_PER_ADDRESS = env.int("LIVE_QR_PER_ADDRESS", default=600)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="doithoai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production-safe defaults whenever DEBUG is off.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)

# Petitions: default answer times when no conference sets them (working days), and when a due
# date counts as "due soon". Plans and conferences may set their own.
PETITION_ANSWER_WORKDAYS = env.int("PETITION_ANSWER_WORKDAYS", default=deadlines.ANSWER_WORKDAYS)
PETITION_COMPLEX_ANSWER_WORKDAYS = env.int(
    "PETITION_COMPLEX_ANSWER_WORKDAYS", default=deadlines.COMPLEX_ANSWER_WORKDAYS)
PETITION_DUE_SOON_WORKDAYS = env.int("PETITION_DUE_SOON_WORKDAYS",
                                     default=deadlines.DUE_SOON_WORKDAYS)
# The demo loads every province and commune; the tests set this to load only its own.
DEMO_UNITS_ONLY = False
# Text messages go through a gateway class; the default writes them to the log. A real SMS or
# Zalo provider plugs in here.
SMS_GATEWAY = env.str("SMS_GATEWAY", default="doithoai.petitions.sms.LogGateway")
# Where citizens reach the public pages: printed in e-mails and text messages (no request
# there to take it from). Required in production; a system check warns when it is left unset.
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
# Official documents: PDFs and previews are made by LibreOffice headless (the `soffice` program,
# a name on PATH or a full path), at most DOCUMENTS_PDF_TIMEOUT seconds each, and kept in a
# cache keyed by the .docx's content so that the same document is never converted twice.
DOCUMENTS_SOFFICE = env.str("DOCUMENTS_SOFFICE", default="soffice")
# The preview image of page 1 is drawn from the PDF by `pdftoppm` (poppler-utils): LibreOffice
# without its Draw module (libreoffice-writer-nogui) has no PNG export.
DOCUMENTS_PDFTOPPM = env.str("DOCUMENTS_PDFTOPPM", default="pdftoppm")
DOCUMENTS_PDF_TIMEOUT = env.int("DOCUMENTS_PDF_TIMEOUT", default=60)
DOCUMENTS_CACHE_DIR = Path(env.str("DOCUMENTS_CACHE_DIR",
                                   default=str(DATA_DIR / "documents-cache")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
