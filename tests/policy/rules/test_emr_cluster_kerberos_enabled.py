import json

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.emr.emr_cluster_kerberos_enabled import check as rule
from tests.policy.rules.builders import res

FIX = ("attach a security configuration whose AuthenticationConfiguration has a KerberosConfiguration and set "
       "kerberos_attributes (164.312(d))")
KERBEROS = {"AuthenticationConfiguration": {"KerberosConfiguration": {
    "Provider": "ClusterDedicatedKdc", "ClusterDedicatedKdcConfiguration": {"TicketLifetimeInHours": 24}}}}
ENCRYPTION_ONLY = {"EncryptionConfiguration": {"EnableInTransitEncryption": True}}


def security(doc):
    return res(t.EMR_SECURITY_CONFIGURATION, "phi-security", name="phi-security", configuration=json.dumps(doc))


def cluster(**props):
    return res(t.EMR_CLUSTER, "analytics", name="analytics", releaseLabel="emr-6.15.0", **props)


def test_pass_kerberos_configured():
    c = cluster(securityConfiguration="phi-security", kerberosAttributes={"realm": "EC2.INTERNAL"})
    assert rule.run_stack([c, security(KERBEROS)]) == []


def test_fail_no_security_configuration():
    c = cluster()
    assert rule.run_stack([c]) == [
        Violation(f"securityConfiguration is unset, so the cluster has no Kerberos; {FIX}", c.urn)]


def test_fail_security_configuration_without_kerberos():
    sc = security(ENCRYPTION_ONLY)
    assert rule.run_stack([cluster(securityConfiguration="phi-security"), sc]) == [Violation(
        f"security configuration phi-security has no AuthenticationConfiguration.KerberosConfiguration; {FIX}",
        sc.urn)]


def test_fail_kerberos_without_cluster_attributes():
    c = cluster(securityConfiguration="phi-security")
    assert rule.run_stack([c, security(KERBEROS)]) == [Violation(
        "kerberosAttributes is unset while security configuration phi-security uses Kerberos; set "
        "kerberos_attributes with the realm and the KDC admin password (164.312(d))", c.urn)]


def test_fail_security_configuration_not_in_the_stack():
    c = cluster(securityConfiguration="shared")
    assert rule.run_stack([c]) == [Violation(
        "securityConfiguration is shared, a security configuration this stack does not declare, so Kerberos "
        f"cannot be verified; declare it here and {FIX}", c.urn)]
