"""Read operations AWS has and moto (5.2) lacks, answered from moto's own state in AWS's documented shape, so
``verify`` reads an emulated account through the same calls it makes against AWS.

- ``ec2:GetEbsDefaultKmsKeyId``: moto keeps the key ModifyEbsDefaultKmsKeyId sets but does not serve the read.
  AWS answers the key's ARN (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsDefaultKmsKeyId.html),
  and names the AWS managed ``aws/ebs`` key by its alias when none was set; the answer here is that alias's ARN,
  so reading never creates the key (a read that changed the account would race the KMS listing).

Installed when ``pms_baseline.emulate`` is imported: the emulate command's server and the tests' in-process
mock both dispatch to moto's response classes in this process.
"""

from __future__ import annotations

from typing import Any


def _get_ebs_default_kms_key_id(self: Any) -> Any:
    from moto.core.responses import ActionResult

    backend = self.ec2_backend
    arn = backend.default_kms_key_id or f"arn:aws:kms:{backend.region_name}:{backend.account_id}:alias/aws/ebs"
    return ActionResult({"KmsKeyId": arn})


def install() -> None:
    """Add the missing operations to moto's EC2 responses (idempotent; moto's own, if it gains them, win)."""
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    if not hasattr(ElasticBlockStore, "get_ebs_default_kms_key_id"):
        ElasticBlockStore.get_ebs_default_kms_key_id = _get_ebs_default_kms_key_id
