"""Edge: HTTPS-only ALB with redirect, access logs, deletion protection, WAF and its logging."""

from __future__ import annotations

import pytest

from pms_baseline_infra.components.edge import Edge, EdgeArgs
from pms_baseline_pack import tokens as t
from tests.infra.conftest import ACCOUNT, AUDIT_KEY, REGION, only, policy, preview, tags_for

CERT = f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/55555555-5555-5555-5555-555555555555"


@pytest.fixture(scope="module")
def doc():
    return preview(
        lambda: Edge(
            "pms",
            EdgeArgs(
                vpc_id="vpc-0123",
                public_subnet_ids=["subnet-a", "subnet-b"],
                app_security_group_id="sg-app",
                certificate_arn=CERT,
                waf_rate_limit=2000,
                log_key_arn=AUDIT_KEY,
                log_retention_days=365,
                environment="prod",
                access_log_bucket="pms-audit-access-logs-0a1b2c3",
                tags=tags_for("prod"),
            ),
        ),
        "prod",
    )


def lb(doc):
    return only(doc, t.LOAD_BALANCER).props


def test_internet_facing_in_public_subnets(doc):
    assert lb(doc)["internal"] is False and lb(doc)["subnets"] == ["subnet-a", "subnet-b"]


def test_drop_invalid_headers(doc):
    assert lb(doc)["dropInvalidHeaderFields"] is True


def test_deletion_protection(doc):
    assert lb(doc)["enableDeletionProtection"] is True


def test_access_logs(doc):
    logs = lb(doc)["accessLogs"]
    assert logs["enabled"] is True
    assert logs["bucket"] == only(doc, t.S3_BUCKET).props["bucket"]


def test_log_bucket_access_is_logged_to_the_access_log_bucket(doc):
    logging = only(doc, t.S3_LOGGING).props
    assert logging["bucket"] == only(doc, t.S3_BUCKET).id
    assert logging["targetBucket"] == "pms-audit-access-logs-0a1b2c3" and logging["targetPrefix"] == "alb-logs/"


def test_log_bucket_lifecycle_keeps_six_years(doc):
    rule = only(doc, t.S3_LIFECYCLE).props["rules"][0]
    assert rule["status"] == "Enabled" and rule["expiration"] == {"days": 2190}
    assert rule["abortIncompleteMultipartUpload"] == {"daysAfterInitiation": 7}


def test_log_bucket_sse_s3(doc):
    # ALB access logs support only SSE-S3.
    rule = only(doc, t.S3_SSE).props["rules"][0]
    assert rule["applyServerSideEncryptionByDefault"]["sseAlgorithm"] == "AES256"


def test_log_bucket_blocked_and_versioned(doc):
    assert only(doc, t.S3_VERSIONING).props["versioningConfiguration"]["status"] == "Enabled"
    assert only(doc, t.S3_PUBLIC_ACCESS_BLOCK).props["restrictPublicBuckets"] is True


def test_log_bucket_policy(doc):
    s = {x["Sid"]: x for x in policy(only(doc, t.S3_POLICY).props["policy"])["Statement"]}
    assert s["DenyInsecureTransport"]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert s["AllowElbLogDelivery0"]["Principal"] == {
        "Service": "logdelivery.elasticloadbalancing.amazonaws.com"
    }
    assert s["AllowElbLogDelivery1"]["Principal"] == {"AWS": "arn:aws:iam::127311923021:root"}


def listeners(doc):
    return {r.props["port"]: r.props for r in doc.of_type(t.LB_LISTENER)}


def test_only_two_listeners(doc):
    assert sorted(listeners(doc)) == [80, 443]


def test_https_listener(doc):
    https = listeners(doc)[443]
    assert (https["protocol"], https["sslPolicy"], https["certificateArn"]) == (
        "HTTPS",
        "ELBSecurityPolicy-TLS13-1-2-2021-06",
        CERT,
    )


def test_http_redirects(doc):
    action = listeners(doc)[80]["defaultActions"][0]
    assert action["type"] == "redirect"
    assert action["redirect"]["protocol"] == "HTTPS" and action["redirect"]["statusCode"] == "HTTP_301"


def test_lb_security_group(doc):
    sg = only(doc, t.SECURITY_GROUP).props
    assert sorted(r["fromPort"] for r in sg["ingress"]) == [80, 443]
    assert sg["egress"] == [
        {
            "protocol": "tcp",
            "fromPort": 8443,
            "toPort": 8443,
            "securityGroups": ["sg-app"],
            "description": "To the app tier only",
        }
    ]


def test_app_ingress_from_lb(doc):
    rule = only(doc, t.SG_INGRESS_RULE).props
    assert (rule["securityGroupId"], rule["fromPort"], rule["toPort"]) == ("sg-app", 8443, 8443)
    assert rule["referencedSecurityGroupId"] == only(doc, t.SECURITY_GROUP).id


def test_target_group_https(doc):
    tg = only(doc, t.LB_TARGET_GROUP).props
    assert (tg["protocol"], tg["port"], tg["healthCheck"]["protocol"]) == ("HTTPS", 8443, "HTTPS")


def test_waf_managed_groups_and_rate_limit(doc):
    acl = only(doc, t.WAF_WEB_ACL).props
    assert acl["scope"] == "REGIONAL"
    groups = [
        r["statement"]["managedRuleGroupStatement"]["name"]
        for r in acl["rules"]
        if "managedRuleGroupStatement" in r["statement"]
    ]
    assert groups == [
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesSQLiRuleSet",
        "AWSManagedRulesAmazonIpReputationList",
    ]
    rate = [r for r in acl["rules"] if "rateBasedStatement" in r["statement"]]
    assert rate[0]["statement"]["rateBasedStatement"]["limit"] == 2000 and "block" in rate[0]["action"]


def test_waf_associated(doc):
    assoc = only(doc, t.WAF_WEB_ACL_ASSOCIATION).props
    assert assoc["resourceArn"] == lb(doc)["arn"]


def test_waf_logging(doc):
    group = only(doc, t.LOG_GROUP).props
    assert group["name"].startswith("aws-waf-logs-") and group["kmsKeyId"] == AUDIT_KEY
    assert only(doc, t.WAF_LOGGING).props["logDestinationConfigs"] == [group["arn"]]


def test_core_rule_set_body_limit_is_lifted_only_on_upload_paths(doc):
    """Issue 14, point 10: the CRS's 8 KB body rule counts (labels) instead of blocking, and a rule right after
    the managed groups blocks the label on every path but the document upload paths."""
    rules = {r["name"]: r for r in only(doc, t.WAF_WEB_ACL).props["rules"]}
    crs = rules["AWSManagedRulesCommonRuleSet"]["statement"]["managedRuleGroupStatement"]
    assert crs["ruleActionOverrides"] == [{"name": "SizeRestrictions_BODY", "actionToUse": {"count": {}}}]
    body = rules["body-size-outside-uploads"]
    assert body["action"] == {"block": {}}
    assert body["priority"] == 5 and rules["rate-limit"]["priority"] == 6
    label, negated = body["statement"]["andStatement"]["statements"]
    assert label == {"labelMatchStatement": {"scope": "LABEL",
                                             "key": "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body"}}
    match = negated["notStatement"]["statement"]["byteMatchStatement"]
    assert (match["searchString"], match["positionalConstraint"], match["fieldToMatch"]) == (
        "/api/documents/", "STARTS_WITH", {"uriPath": {}})


def test_several_upload_paths_are_one_or_statement():
    from pms_baseline_infra.components.edge import body_size_statement

    negated = body_size_statement(("/api/documents/", "/api/claims/attachments/"))["and_statement"]["statements"][1]
    paths = [s["byte_match_statement"]["search_string"]
             for s in negated["not_statement"]["statement"]["or_statement"]["statements"]]
    assert paths == ["/api/documents/", "/api/claims/attachments/"]


@pytest.mark.parametrize("paths", [("/",), ("api/documents",), ()])
def test_upload_paths_cannot_lift_the_limit_from_the_whole_portal(paths):
    from pms_baseline_infra.components.edge import body_size_statement

    with pytest.raises(ValueError, match="upload_paths"):
        body_size_statement(paths)
