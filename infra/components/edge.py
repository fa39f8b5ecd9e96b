"""Edge: the PMS's only entry point, an HTTPS-only Application Load Balancer behind a WAFv2 web ACL."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.audit_trail import harden_bucket, log_bucket_lifecycle, tls_only_statement

APP_PORT = 8443
# 164.312(e)(1): TLS 1.3 and 1.2 only.
TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
# Regions launched before August 2022 deliver ALB access logs from a regional ELB account; later regions
# from the log delivery service principal. The bucket policy allows both.
ELB_LOG_ACCOUNTS = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "ca-central-1": "985666609251",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-central-1": "054676820928",
}
MANAGED_RULE_GROUPS = (
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
)
# The Core Rule Set's SizeRestrictions_BODY blocks every request body over 8 KB, which would block the portal's
# document uploads (referrals, insurance cards, signed consent forms). The rule is set to Count inside the group,
# so it only labels the request, and BODY_SIZE_RULE blocks that label on every path except the upload paths.
# Everything else in the CRS still inspects upload requests (the first 8 KB of the body: for an ALB that limit is
# fixed); the application bounds the size of what it accepts on the upload paths.
# https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html (rule and label)
# https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-label-match-examples.html (label match)
# https://docs.aws.amazon.com/waf/latest/developerguide/web-request-body-inspection.html (8 KB for an ALB)
CRS_BODY_SIZE_RULE = "SizeRestrictions_BODY"
CRS_BODY_SIZE_LABEL = "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body"
BODY_SIZE_RULE = "body-size-outside-uploads"
DEFAULT_UPLOAD_PATHS = ("/api/documents/",)


def _managed_group(group: str) -> dict:
    statement: dict = {"vendor_name": "AWS", "name": group}
    if group == "AWSManagedRulesCommonRuleSet":
        statement["rule_action_overrides"] = [{"name": CRS_BODY_SIZE_RULE, "action_to_use": {"count": {}}}]
    return statement


def body_size_statement(upload_paths: tuple[str, ...]) -> dict:
    """Match a request the Core Rule Set labelled as over 8 KB of body, unless its path is an upload path."""
    if not upload_paths or any(not p.startswith("/") or p == "/" for p in upload_paths):
        raise ValueError(f"upload_paths {list(upload_paths)!r}: give path prefixes such as '/api/documents/', "
                         "not '/' (that would lift the body limit from the whole portal)")
    matches = [
        {
            "byte_match_statement": {
                "search_string": path,
                "positional_constraint": "STARTS_WITH",
                "field_to_match": {"uri_path": {}},
                "text_transformations": [{"priority": 0, "type": "NONE"}],
            }
        }
        for path in upload_paths
    ]
    upload = matches[0] if len(matches) == 1 else {"or_statement": {"statements": matches}}
    return {
        "and_statement": {
            "statements": [
                {"label_match_statement": {"scope": "LABEL", "key": CRS_BODY_SIZE_LABEL}},
                {"not_statement": {"statement": upload}},
            ]
        }
    }


@dataclass
class EdgeArgs:
    """Inputs of an Edge."""

    vpc_id: pulumi.Input[str]
    """The VPC of the load balancer and its targets."""
    public_subnet_ids: list[pulumi.Input[str]] | pulumi.Input[list[str]]
    """Public subnets (one per zone) the internet-facing load balancer lives in."""
    app_security_group_id: pulumi.Input[str]
    """The app tier's security group; it gets an ingress rule from the load balancer on the app port."""
    certificate_arn: pulumi.Input[str]
    """ACM certificate of the HTTPS listener."""
    waf_rate_limit: int
    """Requests per 5 minutes per client IP before the WAF blocks it."""
    log_key_arn: pulumi.Input[str]
    """KMS key of the WAF log group."""
    log_retention_days: int
    """Retention of the WAF log group."""
    environment: str
    """prod, staging or test."""
    access_log_bucket: pulumi.Input[str] | None = None
    """The bucket that receives S3 server access logs (AuditTrail's); the ALB logs bucket logs there."""
    upload_paths: tuple[str, ...] = DEFAULT_UPLOAD_PATHS
    """URI path prefixes that accept request bodies over 8 KB (document uploads); every other path keeps the
    Core Rule Set's 8 KB body limit."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for every resource."""


class Edge(pulumi.ComponentResource):
    """An internet-facing ALB whose only listeners are HTTPS (TLS 1.2+) and an HTTP->HTTPS redirect, with
    access logs, deletion protection and a WAFv2 web ACL with managed rules, rate limiting and logging
    (164.312(e)(1), 164.312(b))."""

    def __init__(self, name: str, args: EdgeArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("pms:edge:Edge", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        tags = dict(args.tags)
        if args.waf_rate_limit < 100:
            raise ValueError(
                f"waf_rate_limit is {args.waf_rate_limit}; WAF rate-based rules need at least 100"
            )
        region = pulumi.Config("aws").get("region") or "us-east-1"

        # ALB access logs support only SSE-S3 (AES256), not SSE-KMS: the bucket is encrypted with AES256.
        # ALB access logs are delivered only into SSE-S3 buckets; the role tag tells the pack so.
        self.access_log_bucket = aws.s3.Bucket(
            f"{name}-alb-logs", tags={**tags, "pms-role": "load-balancer-logs"}, opts=child
        )
        harden_bucket(f"{name}-alb-logs", self.access_log_bucket, child, None)
        log_bucket_lifecycle(f"{name}-alb-logs", self.access_log_bucket, child)
        if args.access_log_bucket is not None:
            # 164.312(b): reads of the load balancer's logs are recorded too.
            aws.s3.BucketLogging(
                f"{name}-alb-logs-logging",
                bucket=self.access_log_bucket.id,
                target_bucket=args.access_log_bucket,
                target_prefix="alb-logs/",
                opts=child,
            )

        def log_policy(arn: str) -> str:
            principals: list[dict] = [{"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}]
            if region in ELB_LOG_ACCOUNTS:
                principals.append({"AWS": f"arn:aws:iam::{ELB_LOG_ACCOUNTS[region]}:root"})
            return json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        tls_only_statement(arn),
                        *[
                            {
                                "Sid": f"AllowElbLogDelivery{i}",
                                "Effect": "Allow",
                                "Principal": p,
                                "Action": "s3:PutObject",
                                "Resource": f"{arn}/alb/AWSLogs/*",
                            }
                            for i, p in enumerate(principals)
                        ],
                    ],
                }
            )

        log_policy_resource = aws.s3.BucketPolicy(
            f"{name}-alb-logs-policy",
            bucket=self.access_log_bucket.id,
            policy=self.access_log_bucket.arn.apply(log_policy),
            opts=child,
        )

        # 164.312(e)(1): the internet reaches only 443, and 80 only to be redirected.
        self.security_group = aws.ec2.SecurityGroup(
            f"{name}-alb-sg",
            vpc_id=args.vpc_id,
            description="PMS load balancer: HTTPS in, app port out",
            ingress=[
                {
                    "protocol": "tcp",
                    "from_port": 443,
                    "to_port": 443,
                    "cidr_blocks": ["0.0.0.0/0"],
                    "description": "HTTPS from the internet",
                },
                {
                    "protocol": "tcp",
                    "from_port": 80,
                    "to_port": 80,
                    "cidr_blocks": ["0.0.0.0/0"],
                    "description": "HTTP, redirected to HTTPS",
                },
            ],
            egress=[
                {
                    "protocol": "tcp",
                    "from_port": APP_PORT,
                    "to_port": APP_PORT,
                    "security_groups": [args.app_security_group_id],
                    "description": "To the app tier only",
                },
            ],
            tags={**tags, "pms-role": "load-balancer"},
            opts=child,
        )
        aws.vpc.SecurityGroupIngressRule(
            f"{name}-app-from-alb",
            security_group_id=args.app_security_group_id,
            ip_protocol="tcp",
            from_port=APP_PORT,
            to_port=APP_PORT,
            referenced_security_group_id=self.security_group.id,
            description="From the load balancer",
            tags=tags,
            opts=child,
        )

        self.load_balancer = aws.lb.LoadBalancer(
            f"{name}-alb",
            load_balancer_type="application",
            internal=False,
            subnets=args.public_subnet_ids,
            security_groups=[self.security_group.id],
            # 164.312(c)(1): malformed headers are dropped before they reach the app.
            drop_invalid_header_fields=True,
            enable_deletion_protection=True,
            # 164.312(b): every request is logged.
            access_logs={"bucket": self.access_log_bucket.bucket, "prefix": "alb", "enabled": True},
            tags=tags,
            opts=pulumi.ResourceOptions(parent=self, depends_on=[log_policy_resource]),
        )
        # 164.312(e)(1): TLS from the load balancer to the app, too.
        self.target_group = aws.lb.TargetGroup(
            f"{name}-app",
            port=APP_PORT,
            protocol="HTTPS",
            target_type="ip",
            vpc_id=args.vpc_id,
            health_check={
                "enabled": True,
                "protocol": "HTTPS",
                "path": "/health",
                "port": "traffic-port",
                "matcher": "200",
            },
            tags=tags,
            opts=child,
        )
        self.https_listener = aws.lb.Listener(
            f"{name}-https",
            load_balancer_arn=self.load_balancer.arn,
            port=443,
            protocol="HTTPS",
            ssl_policy=TLS_POLICY,
            certificate_arn=args.certificate_arn,
            default_actions=[{"type": "forward", "target_group_arn": self.target_group.arn}],
            tags=tags,
            opts=child,
        )
        # 164.312(e)(1): plain HTTP only ever redirects.
        self.http_listener = aws.lb.Listener(
            f"{name}-http-redirect",
            load_balancer_arn=self.load_balancer.arn,
            port=80,
            protocol="HTTP",
            default_actions=[
                {
                    "type": "redirect",
                    "redirect": {"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"},
                }
            ],
            tags=tags,
            opts=child,
        )

        def visibility(metric: str) -> dict:
            return {
                "cloudwatch_metrics_enabled": True,
                "metric_name": metric,
                "sampled_requests_enabled": True,
            }

        rules: list[dict] = [
            {
                "name": group,
                "priority": i + 1,
                "override_action": {"none": {}},
                "statement": {"managed_rule_group_statement": _managed_group(group)},
                "visibility_config": visibility(group),
            }
            for i, group in enumerate(MANAGED_RULE_GROUPS)
        ]
        rules.append(
            {
                "name": BODY_SIZE_RULE,
                "priority": len(MANAGED_RULE_GROUPS) + 1,
                "action": {"block": {}},
                "statement": body_size_statement(args.upload_paths),
                "visibility_config": visibility(BODY_SIZE_RULE),
            }
        )
        # 164.308(a)(1)(ii)(B): request throttling for the patient portal and APIs.
        rules.append(
            {
                "name": "rate-limit",
                "priority": len(MANAGED_RULE_GROUPS) + 2,
                "action": {"block": {}},
                "statement": {
                    "rate_based_statement": {"limit": args.waf_rate_limit, "aggregate_key_type": "IP"}
                },
                "visibility_config": visibility("rate-limit"),
            }
        )
        self.web_acl = aws.wafv2.WebAcl(
            f"{name}-waf",
            scope="REGIONAL",
            default_action={"allow": {}},
            rules=rules,
            visibility_config=visibility(f"{name}-waf"),
            tags=tags,
            opts=child,
        )
        aws.wafv2.WebAclAssociation(
            f"{name}-waf-association",
            resource_arn=self.load_balancer.arn,
            web_acl_arn=self.web_acl.arn,
            opts=child,
        )
        # 164.312(b): WAF decisions are logged to an encrypted log group (name must start aws-waf-logs-).
        self.waf_log_group = aws.cloudwatch.LogGroup(
            f"{name}-waf-logs",
            name=f"aws-waf-logs-{name}-{args.environment}",
            kms_key_id=args.log_key_arn,
            retention_in_days=args.log_retention_days,
            tags=tags,
            opts=child,
        )
        aws.wafv2.WebAclLoggingConfiguration(
            f"{name}-waf-logging",
            resource_arn=self.web_acl.arn,
            log_destination_configs=[self.waf_log_group.arn],
            opts=child,
        )
        self.register_outputs(
            {
                "loadBalancerDns": self.load_balancer.dns_name,
                "targetGroupArn": self.target_group.arn,
                "webAclArn": self.web_acl.arn,
            }
        )
