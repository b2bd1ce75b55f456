from django.test import RequestFactory, override_settings

from doithoai.web.client_ip import client_ip


def _request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)


def test_without_proxy_the_connection_address_counts_and_headers_are_ignored():
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_rightmost_forwarded_address_counts():
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_missing_header_falls_back_to_the_connection():
    assert client_ip(_request()) == "10.0.0.1"
