"""Trust policies for the roles AWS services assume on the baseline's behalf."""

from __future__ import annotations

import json
from typing import Any


def service_trust_policy(service: str, condition: dict[str, Any] | None = None) -> str:
    """The assume-role policy that lets one AWS service principal (``backup.amazonaws.com``) assume a role, only
    under ``condition`` when given (a confused-deputy guard such as ``aws:SourceAccount`` or ``aws:SourceArn``)."""
    statement: dict[str, Any] = {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})
