"""EC2 instances run with an IAM instance profile (a role), not with credentials stored on them.

AWS Config ``ec2-instance-profile-attached``:
https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-profile-attached.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="ec2-instance-profile-attached",
    title="EC2 instances have an IAM instance profile",
    severity="medium",
    citations=("164.312(a)(1)", "164.308(a)(4)(ii)(B)"),
    resource_types=(t.EC2_INSTANCE,),
    remediation="Set iam_instance_profile to an instance profile whose role grants what the instance needs.",
    aws_config_rules=("ec2-instance-profile-attached",),
    checkov_ids=("CKV2_AWS_41",),
)
def check(props, config):
    """iamInstanceProfile is set."""
    value = props.get("iamInstanceProfile")
    if is_opaque(value) or (isinstance(value, str) and value.strip()):
        return []
    return [
        "iamInstanceProfile is unset, so software on the instance gets AWS access only from stored keys; set "
        "iam_instance_profile to a profile whose role grants what it needs (164.312(a)(1))"
    ]
