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
