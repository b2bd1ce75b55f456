"""Test settings: the product's settings, production-like (DEBUG off), with a test key."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from doithoai.settings import *  # noqa: E402,F403

# Fast hashing: password strength is Django's business, not what these tests measure.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Serve static files from the apps, as in development (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# The demo's own province only (the whole country's 3,355 units cost a second per test);
# the loader's own tests load everything.
DEMO_UNITS_ONLY = True

# Files the tests write (uploads, issued documents, converted PDFs) go to a folder of their
# own per test process, never into the development data under var/.
import tempfile  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_RUN = _Path(tempfile.gettempdir()) / f"doithoai-tests-{_WORKER}"
MEDIA_ROOT = _RUN / "media"
DOCUMENTS_CACHE_DIR = _RUN / "documents-cache"

# PostgreSQL: a test database need not survive a power cut. Not waiting for the disk at each
# commit speeds up the commit-heavy tests (browser tests, demo loads, concurrency tests).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] = "-c synchronous_commit=off"  # noqa: F405
