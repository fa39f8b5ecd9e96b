"""The shared OpenSearch/Elasticsearch domain checks, through each rule that binds them."""

import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules import by_id

ENCRYPT = ("encryptAtRest.enabled is {}; set encrypt_at_rest={{\"enabled\": True, \"kms_key_id\": <customer-managed "
           "key>}} (164.312(a)(2)(iv))")
NODES = ("nodeToNodeEncryption.enabled is {}; set node_to_node_encryption={{\"enabled\": True}} so traffic between "
         "the domain's nodes is TLS-encrypted (164.312(e)(2)(ii))")
VPC = ("vpcOptions.subnetIds is {}, so the domain has a public endpoint; set vpc_options with private subnet_ids and "
       "security_group_ids (164.312(a)(1))")
NO_LOGS = ("logPublishingOptions publishes no log to CloudWatch Logs; add log_publishing_options with log_type "
           "ES_APPLICATION_LOGS (and AUDIT_LOGS where fine-grained access control is on) and a "
           "cloudwatch_log_group_arn (164.312(b))")
HTTPS = ("domainEndpointOptions.enforceHttps is false; set enforce_https=True with tls_security_policy "
         "\"Policy-Min-TLS-1-2-2019-07\" (164.312(e)(1))")
GROUP = "arn:aws:logs:us-east-1:210987654321:log-group:/aws/opensearch/phi"


def both(name):
    return [f"elasticsearch-domain-{name}", f"opensearch-domain-{name}"]


@pytest.mark.parametrize("rule", both("encrypted-at-rest"))
@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"encryptAtRest": {"enabled": True, "kmsKeyId": "alias/phi"}}, [], id="pass-enabled"),
    pytest.param({"encryptAtRest": UNKNOWN}, [], id="pass-unknown"),
    pytest.param({"encryptAtRest": {"enabled": False}}, [ENCRYPT.format("false")], id="fail-disabled"),
    pytest.param({}, [ENCRYPT.format("unset")], id="fail-unset-defaults-to-false"),
])
def test_encrypted_at_rest(rule, props, expected):
    assert by_id()[rule].run_resource(props) == expected


@pytest.mark.parametrize("rule", both("node-to-node-encrypted"))
@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"nodeToNodeEncryption": {"enabled": True}}, [], id="pass-enabled"),
    pytest.param({"nodeToNodeEncryption": {"enabled": False}}, [NODES.format("false")], id="fail-disabled"),
    pytest.param({}, [NODES.format("unset")], id="fail-unset"),
])
def test_node_to_node_encrypted(rule, props, expected):
    assert by_id()[rule].run_resource(props) == expected


@pytest.mark.parametrize("rule", both("in-vpc"))
@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"vpcOptions": {"subnetIds": ["subnet-0a"], "securityGroupIds": ["sg-1"]}}, [], id="pass-vpc"),
    pytest.param({"vpcOptions": {"subnetIds": UNKNOWN}}, [], id="pass-unknown-subnets"),
    pytest.param({"vpcOptions": {"subnetIds": []}}, [VPC.format("unset")], id="fail-no-subnets"),
    pytest.param({}, [VPC.format("unset")], id="fail-public-endpoint"),
])
def test_in_vpc(rule, props, expected):
    assert by_id()[rule].run_resource(props) == expected


@pytest.mark.parametrize("rule", both("logs-to-cloudwatch"))
@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"logPublishingOptions": [{"logType": "ES_APPLICATION_LOGS", "cloudwatchLogGroupArn": GROUP}]},
                 [], id="pass-application-logs-enabled-by-default"),
    pytest.param({"logPublishingOptions": [{"logType": "INDEX_SLOW_LOGS", "cloudwatchLogGroupArn": GROUP,
                                            "enabled": False}]}, [NO_LOGS], id="fail-only-log-disabled"),
    pytest.param({}, [NO_LOGS], id="fail-unset"),
])
def test_logs_to_cloudwatch(rule, props, expected):
    assert by_id()[rule].run_resource(props) == expected


def test_required_log_types_are_tunable():
    rule = by_id()["opensearch-domain-logs-to-cloudwatch"]
    props = {"logPublishingOptions": [{"logType": "ES_APPLICATION_LOGS", "cloudwatchLogGroupArn": GROUP}]}
    assert rule.run_resource(props, {"logTypes": ["ES_APPLICATION_LOGS", "AUDIT_LOGS"]}) == [
        "logPublishingOptions does not publish AUDIT_LOGS to CloudWatch Logs; add a log_publishing_options entry "
        "with a cloudwatch_log_group_arn for each (164.312(b))"]
    assert rule.config["logTypes"].refusal(["DEBUG_LOGS"]) is not None


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"domainEndpointOptions": {"enforceHttps": True}}, [], id="pass-enforced"),
    pytest.param({}, [], id="pass-unset-defaults-to-true"),
    pytest.param({"domainEndpointOptions": {"tlsSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"}}, [],
                 id="pass-field-unset"),
    pytest.param({"domainEndpointOptions": {"enforceHttps": False}}, [HTTPS], id="fail-false"),
])
def test_https_required(props, expected):
    assert by_id()["opensearch-domain-https-required"].run_resource(props) == expected
