"""The cases every "<kind> is covered by an AWS Backup selection" rule shares (rules/backup_coverage.py): the
resource's ARN listed, ``*``, a wildcard, a selection tag; no selection, another resource, a tag value that
differs, an ARN excluded by notResources."""

import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource, Violation
from tests.policy.rules.builders import ACCOUNT, res

TAG = {"backup": "phi"}


def selection(**props) -> StackResource:
    return res(t.BACKUP_SELECTION, "sel", planId="plan-1", iamRoleArn=f"arn:aws:iam::{ACCOUNT}:role/b", **props)


def missing(thing: StackResource, what: str, extra: str = "") -> Violation:
    return Violation(
        f"{what} {thing.props['arn']} is in no backup selection's resources{extra}; add its ARN to a backup "
        "selection of the BackupVault plan (164.308(a)(7)(ii)(A))",
        thing.urn,
    )


def coverage_cases(thing: StackResource, wildcard: str, gone: Violation) -> list:
    """``thing`` carries its ARN and the tag TAG; ``wildcard`` is an ARN pattern of its kind that matches it."""
    arn = thing.props["arn"]
    return [
        pytest.param([thing, selection(resources=[arn])], [], id="pass-arn-listed"),
        pytest.param([thing, selection(resources=["*"])], [], id="pass-everything"),
        pytest.param([thing, selection(resources=[wildcard])], [], id="pass-wildcard"),
        pytest.param([thing, selection(selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "phi"}])],
                     [], id="pass-selection-tag"),
        pytest.param([thing], [gone], id="fail-no-selection"),
        pytest.param([thing, selection(resources=[arn + "-other"])], [gone], id="fail-other-resource"),
        pytest.param([thing, selection(selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "none"}])],
                     [gone], id="fail-tag-value-differs"),
        pytest.param([thing, selection(resources=["*"], notResources=[arn])], [gone],
                     id="fail-excluded-by-not-resources"),
    ]
