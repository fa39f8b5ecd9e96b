from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.elb_classic.classic_elb_predefined_tls_policy import check as rule
from tests.policy.rules.builders import res

ACM = "arn:aws:acm:us-east-1:210987654321:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"
ELB = res(t.CLASSIC_LOAD_BALANCER, "portal", name="portal", listeners=[
    {"lbPort": 443, "lbProtocol": "HTTPS", "instancePort": 8080, "instanceProtocol": "HTTP", "sslCertificateId": ACM},
    {"lbPort": 80, "lbProtocol": "HTTP", "instancePort": 8080, "instanceProtocol": "HTTP"},
])


def policy(reference, name="tls12"):
    return res(t.CLASSIC_LB_POLICY, name, loadBalancerName="portal", policyName=name,
               policyTypeName="SSLNegotiationPolicyType",
               policyAttributes=[{"name": "Reference-Security-Policy", "value": reference}])


def on_443(*names):
    return res(t.CLASSIC_LB_LISTENER_POLICY, "portal-443", loadBalancerName="portal", loadBalancerPort=443.0,
               policyNames=list(names))


def test_pass_tls12_reference():
    assert rule.run_stack([ELB, policy("ELBSecurityPolicy-TLS-1-2-2017-01"), on_443("tls12")]) == []


def test_fail_older_reference_on_the_policy():
    weak = policy("ELBSecurityPolicy-2016-08")
    assert rule.run_stack([ELB, weak, on_443("tls12")]) == [Violation(
        "SSL negotiation policy tls12 of portal references ELBSecurityPolicy-2016-08; set "
        "Reference-Security-Policy=ELBSecurityPolicy-TLS-1-2-2017-01 (164.312(e)(1))", weak.urn)]


def test_fail_no_listener_policy_is_the_2016_default():
    assert rule.run_stack([ELB, policy("ELBSecurityPolicy-TLS-1-2-2017-01")]) == [Violation(
        "listener portal:443 has no listener policy, so it negotiates with ELBSecurityPolicy-2016-08 (TLS 1.0 and "
        "1.1); set an SSL negotiation policy referencing ELBSecurityPolicy-TLS-1-2-2017-01 (164.312(e)(1))",
        ELB.urn)]


def test_fail_policy_not_declared():
    assert rule.run_stack([ELB, on_443("shared-tls")]) == [Violation(
        "listener portal:443 names policies [\"shared-tls\"], none an SSL negotiation policy this stack declares, "
        "so its TLS policy cannot be verified; declare one referencing ELBSecurityPolicy-TLS-1-2-2017-01 "
        "(164.312(e)(1))", ELB.urn)]


def test_the_policy_name_cannot_be_loosened():
    assert rule.config["predefinedPolicyName"].refusal("ELBSecurityPolicy-2016-08") is not None
