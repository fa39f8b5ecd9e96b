"""KMS answers moto does not give: moto's AWS managed aws/ebs key (the one an encrypted volume gets when no key is
named) reports KeyMetadata.KeyManager CUSTOMER, where AWS reports AWS
(https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html, KeyManager). A test gives the session
AWS's answer for that key, in DescribeKey's documented shape, after moto's; every other call is moto's."""

from __future__ import annotations

from typing import Any


def answer_aws_managed(session: Any, key_arn: str) -> None:
    """Make DescribeKey of ``key_arn`` on ``session``'s clients report the key as AWS managed."""

    def answer(parsed: dict[str, Any], **_: Any) -> None:
        meta = parsed.get("KeyMetadata") or {}
        if key_arn in (meta.get("Arn"), meta.get("KeyId")):
            meta["KeyManager"] = "AWS"

    session.events.register("after-call.kms.DescribeKey", answer)
