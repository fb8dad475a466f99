"""The client address behind zero, one or two trusted proxies."""

import pytest
from django.test import RequestFactory

from taxportal.http import client_address


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "192.0.2.9"),
        (1, "10.0.0.1, 198.51.100.1", "198.51.100.1"),
        (2, "10.0.0.1, 198.51.100.1, 203.0.113.5", "198.51.100.1"),
        (1, "", "192.0.2.9"),
        (1, "not-an-address", "192.0.2.9"),
    ],
)
def test_client_address_trusts_only_the_proxies_entries(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
