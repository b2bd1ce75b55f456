"""Text messages through a small gateway interface. The default writes to the log; a real
SMS or Zalo provider is a class with the same `send` method, named in settings.SMS_GATEWAY."""

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("doithoai.sms")


class Gateway(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class LogGateway:
    """Writes each message to the log instead of sending it (development, tests, demo)."""

    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        LogGateway.sent.append((phone, text))
        logger.info("SMS to %s: %s", phone, text)


def gateway() -> Gateway:
    return import_string(settings.SMS_GATEWAY)()
