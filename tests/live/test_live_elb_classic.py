"""Classic Load Balancers read live: listeners on HTTPS/SSL with an ACM certificate, cross-zone load balancing,
the predefined TLS 1.2 policy on each HTTPS/SSL listener, and drift of a load balancer's settings."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

TLS = "classic-elb-listeners-tls-only"
ACM = "classic-elb-acm-certificate"
ZONES = "classic-elb-cross-zone-load-balancing-enabled"
POLICY = "classic-elb-predefined-tls-policy"
TLS12 = "ELBSecurityPolicy-TLS-1-2-2017-01"
IAM_CERT = "arn:aws:iam::123456789012:server-certificate/old"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def certificate(account):
    return account.client("acm").request_certificate(DomainName="portal.example.com")["CertificateArn"]


def load_balancer(account, name="portal", http=False, cross_zone=True, reference=TLS12, cert=None):
    """A Classic Load Balancer with an HTTPS listener on 443 (and HTTP on 80 when ``http``), its 443 listener
    set to an SSL negotiation policy referencing ``reference`` (none when None)."""
    elb = account.client("elb")
    listeners = [{"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstanceProtocol": "HTTP", "InstancePort": 80,
                  "SSLCertificateId": cert or certificate(account)}]
    if http:
        listeners.append({"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80})
    elb.create_load_balancer(LoadBalancerName=name, Listeners=listeners, AvailabilityZones=["us-east-1a"])
    elb.modify_load_balancer_attributes(
        LoadBalancerName=name, LoadBalancerAttributes={"CrossZoneLoadBalancing": {"Enabled": cross_zone}})
    if reference:
        elb.create_load_balancer_policy(
            LoadBalancerName=name, PolicyName="tls", PolicyTypeName="SSLNegotiationPolicyType",
            PolicyAttributes=[{"AttributeName": "Reference-Security-Policy", "AttributeValue": reference}])
        elb.set_load_balancer_policies_of_listener(LoadBalancerName=name, LoadBalancerPort=443, PolicyNames=["tls"])
    return name


def exercise(account):
    """A Classic Load Balancer with an HTTPS listener and an SSL negotiation policy (elb:DescribeLoadBalancers,
    DescribeLoadBalancerAttributes, DescribeLoadBalancerPolicies)."""
    load_balancer(account, "exercised-portal")


def test_https_listeners_pass(account):
    load_balancer(account)
    assert findings(account, TLS) == []


def test_an_http_listener_is_a_finding(account):
    load_balancer(account, http=True)
    assert findings(account, TLS) == [(
        "portal", R + "load balancer portal: listener on port 80 has lbProtocol HTTP; use HTTPS or SSL with an ACM "
        "certificate so PHI is encrypted in transit (164.312(e)(1))")]


def test_an_acm_certificate_passes(account):
    load_balancer(account)
    assert findings(account, ACM) == []


def test_an_iam_server_certificate_is_a_finding(account):
    """moto refuses a certificate ACM did not issue, so the description is given an IAM server certificate's ARN
    by an after-call hook on DescribeLoadBalancers (AWS accepts one)."""
    load_balancer(account)

    def iam_certificate(parsed, **_):
        # moto accepts only certificates ACM issued; AWS also accepts an IAM server certificate's ARN, as here
        for lb in parsed.get("LoadBalancerDescriptions", []):
            lb["ListenerDescriptions"][0]["Listener"]["SSLCertificateId"] = IAM_CERT

    account.session.events.register("after-call.elastic-load-balancing.DescribeLoadBalancers", iam_certificate)
    assert findings(account, ACM) == [(
        "portal", R + f"load balancer portal: listener on port 443 has sslCertificateId {IAM_CERT}, not an ACM "
        "certificate; use an ACM certificate ARN so it is renewed before it expires (164.312(e)(1))")]


def test_cross_zone_load_balancing_passes(account):
    load_balancer(account)
    assert findings(account, ZONES) == []


def test_no_cross_zone_load_balancing_is_a_finding(account):
    load_balancer(account, cross_zone=False)
    assert findings(account, ZONES) == [(
        "portal", R + "load balancer portal: crossZoneLoadBalancing is false; set cross_zone_load_balancing=True so "
        "the service stays up when an availability zone's instances fail (164.308(a)(7)(ii)(C))")]


def test_a_listener_on_the_tls_1_2_policy_passes(account):
    load_balancer(account)
    assert findings(account, POLICY) == []


def test_a_listener_without_a_policy_and_one_on_an_old_policy_are_findings(account):
    load_balancer(account, "portal", reference=None)
    load_balancer(account, "intake", reference="ELBSecurityPolicy-2016-08")
    assert sorted(findings(account, POLICY)) == [
        ("intake:tls", R + "SSL negotiation policy tls of intake references ELBSecurityPolicy-2016-08; set "
         f"Reference-Security-Policy={TLS12} (164.312(e)(1))"),
        ("portal", R + "listener portal:443 has no listener policy, so it negotiates with ELBSecurityPolicy-2016-08 "
         f"(TLS 1.0 and 1.1); set an SSL negotiation policy referencing {TLS12} (164.312(e)(1))"),
    ]


def test_cross_zone_load_balancing_turned_off_is_drift(account):
    load_balancer(account, cross_zone=False)
    state = state_of(resource(t.CLASSIC_LOAD_BALANCER, "portal-elb", "portal",
                              crossZoneLoadBalancing=True, internal=False))
    assert findings(account, "live-setting-drift", state) == [
        ("portal-elb", "portal-elb: crossZoneLoadBalancing is False in the account, True in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_load_balancer_is_missing(account):
    state = state_of(resource(t.CLASSIC_LOAD_BALANCER, "portal-elb", "portal"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["portal-elb"]
