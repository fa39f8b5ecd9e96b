"""REST API stages present a client certificate to their HTTP backends, so a backend can tell API Gateway's calls
from anyone else's.

AWS Config ``api-gw-ssl-enabled`` (NON_COMPLIANT when the REST API stage has no SSL client certificate):
https://docs.aws.amazon.com/config/latest/developerguide/api-gw-ssl-enabled.html
Client certificates: https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="apigateway-stage-client-certificate",
    title="API Gateway REST API stages authenticate to backends with a client certificate",
    severity="medium",
    citations=("164.312(e)(1)", "164.312(d)"),
    resource_types=(t.APIGATEWAY_STAGE,),
    remediation="Create aws.apigateway.ClientCertificate and set client_certificate_id on the stage; have the "
    "backend verify it.",
    aws_config_rules=("api-gw-ssl-enabled",),
    checkov_ids=("CKV2_AWS_51",),
)
def check(props, config):
    """clientCertificateId is set."""
    value = props.get("clientCertificateId")
    if is_opaque(value) or (isinstance(value, str) and value):
        return []
    return [
        "clientCertificateId is unset, so the backend cannot authenticate calls from this stage; set "
        "client_certificate_id to an aws.apigateway.ClientCertificate (164.312(e)(1))"
    ]
