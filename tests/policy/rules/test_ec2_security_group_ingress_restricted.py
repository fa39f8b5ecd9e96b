import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.ec2.ec2_security_group_ingress_restricted import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

LB_ID = "sg-0aaaaaaaaaaaaaaaa"
APP_ID = "sg-0bbbbbbbbbbbbbbbb"
LB_TAGS = {"pms-role": "load-balancer", "environment": "prod"}
NOT_LB = (
    "admit a security group instead; only the load balancer's group (tagged pms-role=load-balancer) may "
    "take internet traffic, on ports 443 and 80 (164.312(a)(1))"
)


def group(logical, sg_id, name, ingress=(), **props):
    arn = f"arn:aws:ec2:us-east-1:{ACCOUNT}:security-group/{sg_id}"
    return res(t.SECURITY_GROUP, logical, arn=arn, name=name, ingress=list(ingress), **props)


def world(port, to=None, protocol="tcp", cidr="0.0.0.0/0"):
    key = "ipv6CidrBlocks" if ":" in cidr else "cidrBlocks"
    return {"protocol": protocol, "fromPort": port, "toPort": port if to is None else to, key: [cidr]}


LB = group("lb", LB_ID, "pms-lb", tags=LB_TAGS)
APP = group("app", APP_ID, "pms-app")


def ingress_rule(port, sg_id=LB_ID, cidr="0.0.0.0/0", protocol="tcp"):
    return res(
        t.SG_INGRESS_RULE,
        f"in-{port}",
        securityGroupId=sg_id,
        ipProtocol=protocol,
        fromPort=port,
        toPort=port,
        cidrIpv4=cidr,
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [group("lb", LB_ID, "pms-lb", [world(443), world(80)], tags=LB_TAGS)], [], id="pass-lb-inline"
        ),
        pytest.param(
            [group("lb", LB_ID, "pms-lb", [world(443.0)], tags=LB_TAGS)], [], id="pass-port-as-float"
        ),
        pytest.param([LB, ingress_rule(443), ingress_rule(80)], [], id="pass-lb-ingress-rule-resources"),
        pytest.param(
            [
                LB,
                res(
                    t.SECURITY_GROUP_RULE,
                    "https",
                    type="ingress",
                    securityGroupId=LB_ID,
                    protocol="tcp",
                    fromPort=443,
                    toPort=443,
                    cidrBlocks=["0.0.0.0/0"],
                    ipv6CidrBlocks=["::/0"],
                ),
            ],
            [],
            id="pass-lb-security-group-rule",
        ),
        pytest.param(
            [
                group(
                    "app",
                    APP_ID,
                    "pms-app",
                    [{"protocol": "tcp", "fromPort": 8080, "toPort": 8080, "securityGroups": [LB_ID]}],
                )
            ],
            [],
            id="pass-group-reference",
        ),
        pytest.param(
            [
                res(
                    t.SECURITY_GROUP_RULE,
                    "egress",
                    type="egress",
                    securityGroupId=APP_ID,
                    protocol="-1",
                    fromPort=0,
                    toPort=0,
                    cidrBlocks=["0.0.0.0/0"],
                )
            ],
            [],
            id="pass-egress-not-judged",
        ),
        pytest.param(
            [group("app", APP_ID, "pms-app", [world(22)])],
            [
                Violation(
                    "security group pms-app allows ingress from 0.0.0.0/0 on tcp 22; " + NOT_LB,
                    urn(t.SECURITY_GROUP, "app"),
                )
            ],
            id="fail-ssh-open",
        ),
        pytest.param(
            [APP, ingress_rule(443, sg_id=APP_ID)],
            [
                Violation(
                    "security group pms-app allows ingress from 0.0.0.0/0 on tcp 443; " + NOT_LB,
                    urn(t.SG_INGRESS_RULE, "in-443"),
                )
            ],
            id="fail-https-on-untagged-group",
        ),
        pytest.param(
            [LB, ingress_rule(3389)],
            [
                Violation(
                    "security group pms-lb allows ingress from 0.0.0.0/0 on tcp 3389; the load balancer "
                    "may open only ports 443 and 80 to the internet (164.312(a)(1))",
                    urn(t.SG_INGRESS_RULE, "in-3389"),
                )
            ],
            id="fail-lb-rdp",
        ),
        pytest.param(
            [group("lb", LB_ID, "pms-lb", [world(0, 65535)], tags=LB_TAGS)],
            [
                Violation(
                    "security group pms-lb allows ingress from 0.0.0.0/0 on tcp 0-65535; the load balancer "
                    "may open only ports 443 and 80 to the internet (164.312(a)(1))",
                    urn(t.SECURITY_GROUP, "lb"),
                )
            ],
            id="fail-lb-port-range",
        ),
        pytest.param(
            [group("app", APP_ID, "pms-app", [world(0, 0, protocol="-1", cidr="::/0")])],
            [
                Violation(
                    "security group pms-app allows ingress from ::/0 on all protocols and ports; " + NOT_LB,
                    urn(t.SECURITY_GROUP, "app"),
                )
            ],
            id="fail-all-traffic-ipv6",
        ),
        pytest.param(
            [ingress_rule(22, sg_id="sg-0elsewhere000000")],
            [
                Violation(
                    "security group (not in this stack) allows ingress from 0.0.0.0/0 on tcp 22; " + NOT_LB,
                    urn(t.SG_INGRESS_RULE, "in-22"),
                )
            ],
            id="fail-rule-on-unknown-group",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected


def test_load_balancer_ports_are_tunable():
    resources = [LB, ingress_rule(80)]
    assert rule.run_stack(resources, {"loadBalancerPorts": [443]}) == [
        Violation(
            "security group pms-lb allows ingress from 0.0.0.0/0 on tcp 80; the load balancer may open "
            "only ports 443 to the internet (164.312(a)(1))",
            urn(t.SG_INGRESS_RULE, "in-80"),
        )
    ]


def test_unknown_group_id_is_judged_on_the_port_alone():
    from pms_baseline.state import UNKNOWN

    assert rule.run_stack([ingress_rule(443, sg_id=UNKNOWN)]) == []
    assert rule.run_stack([ingress_rule(22, sg_id=UNKNOWN)]) == [
        Violation(
            "security group (not in this stack) allows ingress from 0.0.0.0/0 on tcp 22; " + NOT_LB,
            urn(t.SG_INGRESS_RULE, "in-22"),
        )
    ]
