"""Deployment checks run by `doithoai check --deploy` (and at start-up)."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def public_base_url_is_set(app_configs, **kwargs):
    if "127.0.0.1" in settings.PUBLIC_BASE_URL or "localhost" in settings.PUBLIC_BASE_URL:
        return [Warning(
            "PUBLIC_BASE_URL vẫn là địa chỉ máy cục bộ: thư và tin nhắn gửi công dân sẽ có "
            "đường dẫn tra cứu không mở được.",
            hint="Đặt biến môi trường PUBLIC_BASE_URL, ví dụ https://doithoai.langson.gov.vn",
            id="doithoai.W001")]
    return []
