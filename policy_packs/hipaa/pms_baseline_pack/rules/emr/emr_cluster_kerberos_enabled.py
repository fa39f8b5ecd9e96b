"""Every EMR cluster authenticates with Kerberos through a security configuration of the stack.

AWS Config emr-kerberos-enabled: NON_COMPLIANT when no security configuration is attached to the cluster or it
does not configure Kerberos (its optional parameters TicketLifetimeInHours, Realm, Domain, AdminServer and
KdcServer have no defaults and are not used). Kerberos is the security configuration's
AuthenticationConfiguration.KerberosConfiguration; the cluster also needs kerberos_attributes (its realm and KDC
admin password) to launch with it.
https://docs.aws.amazon.com/config/latest/developerguide/emr-kerberos-enabled.html
https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-kerberos-configure.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import by_identity, of_type, policy_document, shown

_CITATION = "164.312(d)"
_FIX = ("attach a security configuration whose AuthenticationConfiguration has a KerberosConfiguration and set "
        f"kerberos_attributes ({_CITATION})")


def _has_kerberos(configuration) -> bool | None:
    """True when the security configuration JSON configures Kerberos; None when it cannot be read."""
    doc = policy_document(configuration)
    if doc is None:
        return None
    auth = doc.get("AuthenticationConfiguration")
    return isinstance(auth, dict) and isinstance(auth.get("KerberosConfiguration"), dict)


@stack_rule(
    id="emr-cluster-kerberos-enabled",
    title="EMR clusters authenticate with Kerberos",
    severity="high",
    citations=(_CITATION, "164.312(a)(1)"),
    resource_types=(t.EMR_CLUSTER, t.EMR_SECURITY_CONFIGURATION),
    remediation="Declare an aws.emr.SecurityConfiguration with AuthenticationConfiguration.KerberosConfiguration "
    "(cluster-dedicated KDC or cross-realm trust), name it in the cluster's security_configuration and set "
    "kerberos_attributes (realm, kdc_admin_password as a secret).",
    aws_config_rules=("emr-kerberos-enabled",),
)
def check(resources, config):
    """Each cluster's securityConfiguration names a configuration of the stack that configures Kerberos."""
    configs = by_identity(of_type(resources, t.EMR_SECURITY_CONFIGURATION))
    found = []
    for cluster in of_type(resources, t.EMR_CLUSTER):
        name = cluster.props.get("securityConfiguration")
        if is_opaque(name):
            continue
        if not isinstance(name, str) or not name:
            found.append(Violation(f"securityConfiguration is unset, so the cluster has no Kerberos; {_FIX}",
                                   cluster.urn))
            continue
        sc = next(iter(configs.get(name, ())), None)
        if sc is None:
            found.append(Violation(
                f"securityConfiguration is {name}, a security configuration this stack does not declare, so "
                f"Kerberos cannot be verified; declare it here and {_FIX}", cluster.urn))
            continue
        kerberos = _has_kerberos(sc.props.get("configuration"))
        if kerberos is None or is_opaque(sc.props.get("configuration")):
            continue
        if not kerberos:
            found.append(Violation(
                f"security configuration {name} has no AuthenticationConfiguration.KerberosConfiguration; {_FIX}",
                sc.urn))
        elif not cluster.props.get("kerberosAttributes"):
            found.append(Violation(
                f"kerberosAttributes is {shown(cluster.props.get('kerberosAttributes'))} while security "
                f"configuration {name} uses Kerberos; set kerberos_attributes with the realm and the KDC admin "
                f"password ({_CITATION})", cluster.urn))
    return list(dict.fromkeys(found))
