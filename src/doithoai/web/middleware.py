"""A Vietnamese 503 page, not a stack trace, when the database cannot be reached."""

import logging

from django.db.utils import OperationalError
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError):
            return None
        logger.error("Database unavailable: %s", exception)
        response = TemplateResponse(request, "web/database_unavailable.html", status=503)
        return response.render()
