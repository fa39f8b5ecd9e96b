"""Settings AWS keeps once per account (or per account and Region) are declared once."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import arn_of, label, text

# Each singleton with the AWS page that says there is one, and whether it is per Region.
SINGLETONS = {
    t.CONFIG_RECORDER: (
        "https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html",
        True,
    ),
    t.CONFIG_DELIVERY_CHANNEL: (
        "https://docs.aws.amazon.com/config/latest/APIReference/API_PutDeliveryChannel.html",
        True,
    ),
    t.GUARDDUTY_DETECTOR: ("https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html", True),
    t.EBS_ENCRYPTION_BY_DEFAULT: ("https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html", True),
    t.EBS_DEFAULT_KMS_KEY: ("https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html", True),
    t.IAM_ACCOUNT_PASSWORD_POLICY: (
        "https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html",
        False,
    ),
    t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK: (
        "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html",
        False,
    ),
}


def region_of(resource) -> str:
    """The Region a resource is in, as far as the state shows: its ``region`` (pulumi-aws v7 outputs it), else
    its ARN's; '' when neither is known (the program's default Region)."""
    region = text(resource.props.get("region"))
    if region:
        return region
    arn = arn_of(resource)
    return arn.region if arn else ""


@stack_rule(
    id="account-singletons-declared-once",
    # Account scope: how many of a singleton the account declares is a question about all its stacks together.
    scope="account",
    title="Account and Region singletons (Config recorder, GuardDuty detector, EBS defaults, ...) are declared once",
    severity="high",
    citations=(),
    sources=tuple(dict.fromkeys(src for src, _ in SINGLETONS.values())),
    resource_types=tuple(SINGLETONS),
    remediation="Declare each of these once per account (per Region where AWS keeps one per Region): share the "
    "resource between components instead of declaring it again.",
)
def check(resources, config):
    """No two resources of a singleton kind share an account (and, for regional kinds, a Region)."""
    groups: dict[tuple[str, str], list] = {}
    for r in resources:
        if r.type in SINGLETONS:
            regional = SINGLETONS[r.type][1]
            groups.setdefault((r.type, region_of(r) if regional else ""), []).append(r)
    found = []
    for (kind, region), members in groups.items():
        if len(members) < 2:
            continue
        where = f"Region {region}" if region else ("the default Region" if SINGLETONS[kind][1] else "the account")
        names = ", ".join(label(m) for m in members)
        for extra in members[1:]:
            found.append(
                Violation(
                    f"{kind.rsplit(':', 1)[-1]} is declared {len(members)} times in {where} ({names}); AWS keeps one "
                    "per account" + (" and Region" if SINGLETONS[kind][1] else "") + ", so the second refuses or "
                    "overwrites the first; declare it once",
                    extra.urn,
                )
            )
    return found
