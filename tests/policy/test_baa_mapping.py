"""The business associate scope as data: the dated copy of AWS's HIPAA Eligible Services Reference, and the mapping
of pulumi-aws modules to AWS services that the baa-services-eligible rule reads."""

import re
from functools import cache
from pathlib import Path

import pulumi_aws
import pytest

from pms_baseline.preview import ProgramError
from pms_baseline_pack.reference import hipaa_eligible_services, service_mappings, service_of
from tests.helpers import PROGRAMS, STACKS, preview_document

# Test programs that do not preview, on purpose, and why (a program that fails for any other reason fails here).
REFUSED = {
    ("raising", "dev"): "the certificate for portal.example.org was not found",
    ("unsealed", "from-prod-snapshot"): "pms-baseline:dbSnapshotIdentifier=",
    ("unsealed", "peered-with-prod"): "pms-baseline:peerVpcId=",
}


def previews():
    """(program, stack) of every bundled stack and every stack file of every test program."""
    found = [("", stack) for stack in STACKS]
    for program in sorted(p for p in PROGRAMS.iterdir() if (p / "Pulumi.yaml").is_file()):
        found += [(program.name, f.name[len("Pulumi.") : -len(".yaml")]) for f in sorted(program.glob("Pulumi.*.yaml"))]
    return found


@cache
def pulumi_aws_tokens() -> frozenset[str]:
    """The ``module/resource`` part of every resource token the installed pulumi-aws declares."""
    root = Path(pulumi_aws.__file__).parent
    found = set()
    for path in root.glob("*/*.py"):
        found.update(re.findall(r"__init__\(\s*'aws:([a-z0-9]+/[A-Za-z0-9_]+):[A-Za-z0-9_]+'", path.read_text()))
    return frozenset(found)


def test_the_list_is_the_dated_copy_of_the_page():
    listed = hipaa_eligible_services()
    assert listed.page == "https://aws.amazon.com/compliance/hipaa-eligible-services-reference/"
    assert listed.last_updated == "2022-03-29"
    assert listed.read.startswith("2026-11-30, through a stored copy")
    assert len(listed.services) == 136
    assert listed.services["Amazon Relational Database Service (Amazon RDS)"] == (
        "SQL Server, MySQL, Oracle, PostgreSQL, and MariaDB engines only"
    )


def test_every_mapped_service_is_named_as_the_list_names_it():
    listed = hipaa_eligible_services().services
    wrong = {m.key: m.service for m in service_mappings().values() if m.listed != (m.service in listed)}
    assert wrong == {}, "listed=yes must name a service exactly as the list does, listed=no one it lacks"


def test_every_mapping_entry_is_complete_and_names_real_pulumi_aws_resources():
    tokens = pulumi_aws_tokens()
    modules = {t.split("/", 1)[0] for t in tokens}
    for key, m in service_mappings().items():
        assert m.service and m.reason, key
        if key.endswith("*"):
            assert any(t.startswith(key[:-1]) for t in tokens), f"{key} matches no pulumi-aws resource"
        elif "/" in key:
            assert key in tokens, f"{key} is no pulumi-aws resource"
        else:
            assert key in modules, f"{key} is no pulumi-aws module"


@pytest.mark.parametrize(
    ("token", "key", "service", "holds_data"),
    [
        ("aws:ec2/instance:Instance", "ec2", "Amazon Elastic Compute Cloud (Amazon EC2)", True),
        ("aws:ec2/routeTable:RouteTable", "ec2/route*", "Amazon Virtual Private Cloud (VPC)", False),
        ("aws:cloudwatch/logGroup:LogGroup", "cloudwatch/log*", "Amazon CloudWatch Logs", True),
        ("aws:cloudwatch/metricAlarm:MetricAlarm", "cloudwatch", "Amazon CloudWatch", False),
        (
            "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
            "s3/accountPublicAccessBlock",
            "Amazon Simple Storage Service (Amazon S3)",
            False,
        ),
        (
            "aws:lightsail/lbCertificateAttachment:LbCertificateAttachment",
            "lightsail/lbCertificate*",
            "Amazon Lightsail",
            False,
        ),
    ],
)
def test_the_most_specific_entry_wins(token, key, service, holds_data):
    m = service_of(token)
    assert (m.key, m.service, m.holds_data) == (key, service, holds_data)


@pytest.mark.parametrize(
    "token",
    ["aws:appconfig/application:Application", "pms:data:PhiDatabase", "pulumi:providers:aws", "aws-native:s3:Bucket"],
)
def test_what_no_entry_covers_is_unmapped(token):
    assert service_of(token) is None


@pytest.mark.slow
def test_every_pulumi_aws_module_a_bundled_stack_or_test_program_uses_is_mapped():
    unmapped: dict[str, list[str]] = {}
    for program, stack in previews():
        where = f"{program or 'the baseline'}:{stack}"
        try:
            doc = preview_document(stack, program)
        except ProgramError as exc:
            reason = REFUSED.get((program, stack))
            assert reason and reason in str(exc), f"{where} does not preview: {exc}"
            continue
        assert (program, stack) not in REFUSED, f"{where} previews now; take it out of REFUSED"
        for r in doc["deployment"]["resources"]:
            if r["type"].startswith("aws:") and service_of(r["type"]) is None:
                unmapped.setdefault(r["type"], []).append(where)
    assert unmapped == {}, "add these modules to reference/pulumi_aws_services.tsv"
