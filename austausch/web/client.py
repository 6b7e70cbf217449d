"""The address of the person at the other end, seen through the proxies we trust and no others.

Behind a reverse proxy every request comes from the proxy's address; the person's address is the
last one the proxy appended to X-Forwarded-For. Anyone can write that header, so it is read only when
the request comes from a proxy listed in AUSTAUSCH_TRUSTED_PROXIES, and only the hops our own proxies
appended count: the first address from the right that is not one of them is the client's.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ipware import get_client_ip

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
CLIENT_ADDRESS_KEY = "austausch.client_address"
# More proxies than this in a row is a misconfiguration, not a deployment.
MAX_HOPS = 8


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address, worked out once per request (django-axes and the middleware both ask)."""
    if CLIENT_ADDRESS_KEY not in request.META:
        request.META[CLIENT_ADDRESS_KEY] = _resolve(request)
    return str(request.META[CLIENT_ADDRESS_KEY])


def _resolve(request: HttpRequest) -> str:
    peer = str(request.META.get("REMOTE_ADDR", ""))
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not is_trusted(peer, networks):
        return peer
    address = peer
    for hops in range(MAX_HOPS):
        # django-ipware parses the header (ports, IPv6 brackets, garbage) and counts `hops` from the right.
        candidate, _routable = get_client_ip(
            request, proxy_count=hops, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if candidate is None:
            break
        address = candidate
        if not is_trusted(candidate, networks):
            break
    return address


class ClientAddressMiddleware:
    """Puts the client's address into REMOTE_ADDR, so that throttles and logs count people, not the proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META["REMOTE_ADDR"] = client_address(request)
        return self.get_response(request)
