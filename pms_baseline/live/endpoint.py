"""Clients for a local endpoint (moto's server): what differs from talking to AWS."""

from __future__ import annotations

from typing import Any


def path_style_s3control(client: Any) -> None:
    """s3control puts the account id in the host name, which a local endpoint (an IP) cannot resolve."""

    def strip_account(request: Any, **_: Any) -> None:
        scheme, _, rest = request.url.partition("://")
        host, _, path = rest.partition("/")
        first, _, remainder = host.partition(".")
        if first.isdigit() and len(first) == 12 and remainder:
            request.url = f"{scheme}://{remainder}/{path}"

    client.meta.events.register("before-sign.s3-control.*", strip_account)
