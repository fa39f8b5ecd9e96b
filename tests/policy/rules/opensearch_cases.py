"""Cases shared by the Elasticsearch and OpenSearch domain rules (the same check binds both resource types)."""

import pytest

from pms_baseline_pack.opaque import UNKNOWN

ENCRYPT = ("encryptAtRest.enabled is {}; set encrypt_at_rest={{\"enabled\": True, \"kms_key_id\": <customer-managed "
           "key>}} (164.312(a)(2)(iv))")
NODES = ("nodeToNodeEncryption.enabled is {}; set node_to_node_encryption={{\"enabled\": True}} so traffic between "
         "the domain's nodes is TLS-encrypted (164.312(e)(2)(ii))")
VPC = ("vpcOptions.subnetIds is {}, so the domain has a public endpoint; set vpc_options with private subnet_ids and "
       "security_group_ids (164.312(a)(1))")
NO_LOGS = ("logPublishingOptions publishes no log to CloudWatch Logs; add log_publishing_options with log_type "
           "ES_APPLICATION_LOGS (and AUDIT_LOGS where fine-grained access control is on) and a "
           "cloudwatch_log_group_arn (164.312(b))")
GROUP = "arn:aws:logs:us-east-1:210987654321:log-group:/aws/opensearch/phi"
APPLICATION_LOGS = {"logPublishingOptions": [{"logType": "ES_APPLICATION_LOGS", "cloudwatchLogGroupArn": GROUP}]}

ENCRYPTED_AT_REST = [
    pytest.param({"encryptAtRest": {"enabled": True, "kmsKeyId": "alias/phi"}}, [], id="pass-enabled"),
    pytest.param({"encryptAtRest": UNKNOWN}, [], id="pass-unknown"),
    pytest.param({"encryptAtRest": {"enabled": False}}, [ENCRYPT.format("false")], id="fail-disabled"),
    pytest.param({}, [ENCRYPT.format("unset")], id="fail-unset-defaults-to-false"),
]
NODE_TO_NODE = [
    pytest.param({"nodeToNodeEncryption": {"enabled": True}}, [], id="pass-enabled"),
    pytest.param({"nodeToNodeEncryption": {"enabled": False}}, [NODES.format("false")], id="fail-disabled"),
    pytest.param({}, [NODES.format("unset")], id="fail-unset"),
]
IN_VPC = [
    pytest.param({"vpcOptions": {"subnetIds": ["subnet-0a"], "securityGroupIds": ["sg-1"]}}, [], id="pass-vpc"),
    pytest.param({"vpcOptions": {"subnetIds": UNKNOWN}}, [], id="pass-unknown-subnets"),
    pytest.param({"vpcOptions": {"subnetIds": []}}, [VPC.format("unset")], id="fail-no-subnets"),
    pytest.param({}, [VPC.format("unset")], id="fail-public-endpoint"),
]
LOGS = [
    pytest.param(APPLICATION_LOGS, [], id="pass-application-logs-enabled-by-default"),
    pytest.param({"logPublishingOptions": [{"logType": "INDEX_SLOW_LOGS", "cloudwatchLogGroupArn": GROUP,
                                            "enabled": False}]}, [NO_LOGS], id="fail-only-log-disabled"),
    pytest.param({}, [NO_LOGS], id="fail-unset"),
]
