import json

import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.backup.backup_vault_manual_deletion_denied import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

VAULT = res(
    t.BACKUP_VAULT,
    "pms-vault",
    name="pms-vault-1a2b3c4",
    arn=f"arn:aws:backup:us-east-1:{ACCOUNT}:backup-vault:pms-vault-1a2b3c4",
)
ACTIONS = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:PutBackupVaultAccessPolicy"]


def policy(actions=ACTIONS, principal="*", resource="*", condition=None, vault="pms-vault-1a2b3c4"):
    statement = {"Sid": "DenyManualDeletion", "Effect": "Deny", "Principal": principal, "Action": actions,
                 "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return res(t.BACKUP_VAULT_POLICY, "pms-vault-policy", backupVaultName=vault,
               policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))


NO_POLICY = Violation(
    "vault pms-vault-1a2b3c4 has no VaultPolicy, so anyone with backup:DeleteRecoveryPoint can delete its recovery "
    "points; declare one that denies Principal '*' backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle "
    "and backup:PutBackupVaultAccessPolicy (164.308(a)(7)(ii)(A))",
    urn(t.BACKUP_VAULT, "pms-vault"),
)


def missing(actions: str) -> Violation:
    return Violation(
        f"vault pms-vault-1a2b3c4 access policy does not deny {actions} to Principal '*' on Resource '*' without "
        "conditions; add that Deny statement (164.308(a)(7)(ii)(A))",
        urn(t.BACKUP_VAULT_POLICY, "pms-vault-policy"),
    )


ALL = ", ".join(ACTIONS)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([VAULT, policy()], [], id="pass-three-actions"),
        pytest.param([VAULT, policy(actions="backup:*")], [], id="pass-service-wildcard"),
        pytest.param([VAULT, policy(principal={"AWS": "*"})], [], id="pass-aws-star-principal"),
        pytest.param([VAULT], [NO_POLICY], id="fail-no-policy"),
        pytest.param([VAULT, policy(vault="another-vault")], [NO_POLICY], id="fail-policy-of-another-vault"),
        pytest.param([VAULT, policy(actions=ACTIONS[:1])], [missing(", ".join(ACTIONS[1:]))], id="fail-one-action"),
        pytest.param([VAULT, policy(principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"})], [missing(ALL)],
                     id="fail-named-principal"),
        pytest.param([VAULT, policy(resource=VAULT.props["arn"])], [missing(ALL)], id="fail-named-resource"),
        pytest.param([VAULT, policy(condition={"StringEquals": {"aws:PrincipalTag/team": "ops"}})], [missing(ALL)],
                     id="fail-conditional-deny"),
    ],
)
def test_rule(resources, expected):
    assert rule.run_stack(resources) == expected
