"""An emulated account: a state document's resources created in moto through boto3.

``realize`` walks the document in dependency order and creates each resource with the same settings the
state records, translating the state's ids and ARNs to the ones moto hands back (so references between
resources, and ARNs inside policies, still point at the right thing). It returns the document as it would
look exported after a real deploy: the same resources with the account's ids, which ``verify --state`` then
compares against the account. Only the kinds the baseline uses are emulated; anything else, or anything moto
refuses, is reported by kind and name, never skipped silently.

Known moto 5.2.5 gaps and how this module deals with them:
- ``backup:CreateBackupSelection`` is not implemented: selections are reported as not emulated.
- ``logs:AssociateKmsKey`` is not implemented: the key is passed to ``CreateLogGroup`` instead.
- A TLS-only Deny policy on a bucket blocks moto's own (plain HTTP) object writes: a first log delivery is
  written to every Object Lock bucket before its policy is applied, so there is a locked object to test.
- A public access block is not enforced against a public bucket policy, and Object Lock default retention
  can be shortened: nothing to do here, but drift tests must make changes in the order AWS would accept.
- ``access-analyzer:CreateAnalyzer`` is not implemented: analyzers are reported as not emulated.
- ``s3:PutBucketLogging`` fails inside moto on a target bucket whose policy grants the logging service
  (it expects ACL grants): reported, after a second attempt once every other resource exists.
- AWS managed IAM policies exist only with ``MOTO_IAM_LOAD_MANAGED_POLICIES=true`` (the command sets it).
- Managed Config rules need parameters AWS defaults: AWS's defaults are passed.
- The ACM certificate a stack names lives in the real account: the listener gets a stand-in certificate.
"""

from __future__ import annotations

import argparse
import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pms_baseline.state import Resource, StateDocument, is_opaque, parse_document
from pms_baseline_pack import tokens as t

DEFAULT_REGION = "us-east-1"
FIRST_DELIVERY_KEY = "AWSLogs/{account}/CloudTrail/{region}/emulated-first-delivery.json.gz"
EMULATED_PASSWORD = "Emulated-only-password-1"

# Kinds that are bookkeeping in a state document, not cloud resources.
NOT_RESOURCES = (t.STACK, t.AWS_PROVIDER)


class NotEmulated(Exception):
    """This kind, or this setting of it, has no moto equivalent."""


@dataclass
class Realized:
    """What ``realize`` did: the deployed-state document and every resource it could not create."""

    document: dict[str, Any]
    created: dict[str, int] = field(default_factory=dict)
    """type -> how many resources of it were created."""
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    """(type, name, reason) for each resource not created."""

    def summary(self) -> str:
        lines = [f"{sum(self.created.values())} resources created"]
        lines += [f"  {kind}: {n}" for kind, n in sorted(self.created.items())]
        if self.skipped:
            lines.append(f"{len(self.skipped)} resources not emulated:")
            lines += [f"  {kind} {name}: {why}" for kind, name, why in self.skipped]
        return "\n".join(lines)


class _Ctx:
    def __init__(self, session: Any, region: str, endpoint_url: str | None) -> None:
        self.session, self.region, self.endpoint_url = session, region, endpoint_url
        self.ids: dict[str, str] = {}
        self._clients: dict[str, Any] = {}
        self.account = self.client("sts").get_caller_identity()["Account"]

    def client(self, service: str) -> Any:
        if service not in self._clients:
            from pms_baseline.live.endpoint import path_style_s3control

            client = self.session.client(service, region_name=self.region, endpoint_url=self.endpoint_url)
            if self.endpoint_url:
                path_style_s3control(client)
            self._clients[service] = client
        return self._clients[service]

    def map(self, value: Any) -> Any:
        """The state's ids and ARNs replaced by the account's, in plain values and inside policy text."""
        if isinstance(value, str):
            if value in self.ids:
                return self.ids[value]
            for old, new in self.ids.items():
                if len(old) >= 12 and old in value:
                    value = value.replace(old, new)
            return value
        if isinstance(value, list):
            return [self.map(v) for v in value]
        if isinstance(value, dict):
            return {k: self.map(v) for k, v in value.items()}
        return value


def _tags(p: dict[str, Any]) -> dict[str, str]:
    tags = p.get("tags") or {}
    return {str(k): str(v) for k, v in tags.items()} if isinstance(tags, dict) else {}


def _tag_list(p: dict[str, Any], key: str = "Key", value: str = "Value") -> list[dict[str, str]]:
    return [{key: k, value: v} for k, v in _tags(p).items()]


def _policy_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _present(value: Any) -> bool:
    return value is not None and value != "" and not is_opaque(value)


def _kw(**kwargs: Any) -> dict[str, Any]:
    """Keyword arguments without the absent ones."""
    return {k: v for k, v in kwargs.items() if _present(v)}


# Each handler creates one resource from its (mapped) properties and returns (id, {output: value}); the
# state's id and outputs are then mapped to these.
Handler = Callable[[_Ctx, Resource, dict[str, Any]], tuple[str, dict[str, Any]]]
HANDLERS: dict[str, Handler] = {}


def handles(*tokens: str) -> Callable[[Handler], Handler]:
    def wrap(fn: Handler) -> Handler:
        for tok in tokens:
            HANDLERS[tok] = fn
        return fn

    return wrap


# --- KMS ------------------------------------------------------------------------------------------------
@handles(t.KMS_KEY)
def _kms_key(c: _Ctx, r: Resource, p: dict[str, Any]):
    kms = c.client("kms")
    meta = kms.create_key(
        **_kw(
            Description=p.get("description"),
            KeyUsage=p.get("keyUsage"),
            KeySpec=p.get("customerMasterKeySpec"),
            Policy=_policy_text(p["policy"]) if _present(p.get("policy")) else None,
            MultiRegion=p.get("multiRegion"),
            Tags=_tag_list(p, "TagKey", "TagValue") or None,
        )
    )["KeyMetadata"]
    if p.get("enableKeyRotation"):
        kms.enable_key_rotation(KeyId=meta["KeyId"])
    return meta["KeyId"], {"arn": meta["Arn"], "keyId": meta["KeyId"]}


@handles(t.KMS_ALIAS)
def _kms_alias(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.id
    c.client("kms").create_alias(AliasName=name, TargetKeyId=p["targetKeyId"])
    return name, {"arn": f"arn:aws:kms:{c.region}:{c.account}:{name}"}


# --- Networking -------------------------------------------------------------------------------------------
def _ec2_tags(c: _Ctx, ident: str, p: dict[str, Any]) -> None:
    if _tag_list(p):
        c.client("ec2").create_tags(Resources=[ident], Tags=_tag_list(p))


@handles(t.VPC)
def _vpc(c: _Ctx, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    vpc = ec2.create_vpc(CidrBlock=p.get("cidrBlock", "10.0.0.0/16"))["Vpc"]
    vid = vpc["VpcId"]
    _ec2_tags(c, vid, p)
    for attr in ("enableDnsSupport", "enableDnsHostnames"):
        if p.get(attr) is not None:
            ec2.modify_vpc_attribute(VpcId=vid, **{attr[0].upper() + attr[1:]: {"Value": bool(p[attr])}})
    sg = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [vid]}, {"Name": "group-name", "Values": ["default"]}]
    )
    rtb = ec2.describe_route_tables(
        Filters=[{"Name": "vpc-id", "Values": [vid]}, {"Name": "association.main", "Values": ["true"]}]
    )
    acl = ec2.describe_network_acls(
        Filters=[{"Name": "vpc-id", "Values": [vid]}, {"Name": "default", "Values": ["true"]}]
    )
    out = {"arn": f"arn:aws:ec2:{c.region}:{c.account}:vpc/{vid}"}
    if sg["SecurityGroups"]:
        out["defaultSecurityGroupId"] = sg["SecurityGroups"][0]["GroupId"]
    if rtb["RouteTables"]:
        out["defaultRouteTableId"] = out["mainRouteTableId"] = rtb["RouteTables"][0]["RouteTableId"]
    if acl["NetworkAcls"]:
        out["defaultNetworkAclId"] = acl["NetworkAcls"][0]["NetworkAclId"]
    return vid, out


@handles(t.SUBNET)
def _subnet(c: _Ctx, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    sub = ec2.create_subnet(
        **_kw(VpcId=p["vpcId"], CidrBlock=p.get("cidrBlock"), AvailabilityZone=p.get("availabilityZone"))
    )["Subnet"]
    sid = sub["SubnetId"]
    _ec2_tags(c, sid, p)
    if p.get("mapPublicIpOnLaunch"):
        ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
    return sid, {"arn": f"arn:aws:ec2:{c.region}:{c.account}:subnet/{sid}"}


@handles(t.INTERNET_GATEWAY)
def _igw(c: _Ctx, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    gid = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    _ec2_tags(c, gid, p)
    if _present(p.get("vpcId")):
        ec2.attach_internet_gateway(InternetGatewayId=gid, VpcId=p["vpcId"])
    return gid, {}


@handles(t.INTERNET_GATEWAY_ATTACHMENT)
def _igw_attach(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("ec2").attach_internet_gateway(InternetGatewayId=p["internetGatewayId"], VpcId=p["vpcId"])
    return f"{p['internetGatewayId']}:{p['vpcId']}", {}


@handles(t.EIP)
def _eip(c: _Ctx, r: Resource, p: dict[str, Any]):
    got = c.client("ec2").allocate_address(Domain="vpc")
    return got["AllocationId"], {"allocationId": got["AllocationId"], "publicIp": got["PublicIp"]}


@handles(t.NAT_GATEWAY)
def _nat(c: _Ctx, r: Resource, p: dict[str, Any]):
    nat = c.client("ec2").create_nat_gateway(
        **_kw(
            SubnetId=p["subnetId"],
            AllocationId=p.get("allocationId"),
            ConnectivityType=p.get("connectivityType"),
        )
    )["NatGateway"]
    _ec2_tags(c, nat["NatGatewayId"], p)
    return nat["NatGatewayId"], {}


def _route_target(p: dict[str, Any]) -> dict[str, Any]:
    return _kw(
        GatewayId=p.get("gatewayId"),
        NatGatewayId=p.get("natGatewayId"),
        VpcPeeringConnectionId=p.get("vpcPeeringConnectionId"),
        VpcEndpointId=p.get("vpcEndpointId"),
        TransitGatewayId=p.get("transitGatewayId"),
    )


def _dest(p: dict[str, Any], ipv4: str, ipv6: str) -> dict[str, Any]:
    return _kw(DestinationCidrBlock=p.get(ipv4), DestinationIpv6CidrBlock=p.get(ipv6))


@handles(t.ROUTE_TABLE)
def _route_table(c: _Ctx, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    rid = ec2.create_route_table(VpcId=p["vpcId"])["RouteTable"]["RouteTableId"]
    _ec2_tags(c, rid, p)
    for route in p.get("routes") or []:
        ec2.create_route(
            RouteTableId=rid, **_dest(route, "cidrBlock", "ipv6CidrBlock"), **_route_target(route)
        )
    return rid, {"arn": f"arn:aws:ec2:{c.region}:{c.account}:route-table/{rid}"}


@handles(t.ROUTE)
def _route(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("ec2").create_route(
        RouteTableId=p["routeTableId"],
        **_dest(p, "destinationCidrBlock", "destinationIpv6CidrBlock"),
        **_route_target(p),
    )
    return f"r-{p['routeTableId']}{p.get('destinationCidrBlock', '')}", {}


@handles(t.ROUTE_TABLE_ASSOCIATION)
def _rt_assoc(c: _Ctx, r: Resource, p: dict[str, Any]):
    got = c.client("ec2").associate_route_table(
        **_kw(RouteTableId=p["routeTableId"], SubnetId=p.get("subnetId"), GatewayId=p.get("gatewayId"))
    )
    return got["AssociationId"], {}


def _permission(rule: dict[str, Any]) -> dict[str, Any]:
    """A security group rule block (``ingress``/``egress`` item or SecurityGroupRule) as an IpPermission."""
    perm: dict[str, Any] = {"IpProtocol": str(rule.get("protocol", rule.get("ipProtocol", "-1")))}
    if perm["IpProtocol"] in ("all", "-1"):
        perm["IpProtocol"] = "-1"
    else:
        perm["FromPort"], perm["ToPort"] = int(rule.get("fromPort", 0)), int(rule.get("toPort", 0))
    cidrs = rule.get("cidrBlocks") or ([rule["cidrIpv4"]] if _present(rule.get("cidrIpv4")) else [])
    v6 = rule.get("ipv6CidrBlocks") or ([rule["cidrIpv6"]] if _present(rule.get("cidrIpv6")) else [])
    groups = list(rule.get("securityGroups") or [])
    for key in ("sourceSecurityGroupId", "referencedSecurityGroupId"):
        if _present(rule.get(key)):
            groups.append(rule[key])
    if rule.get("self"):
        groups.append(rule["_self"])
    if cidrs:
        perm["IpRanges"] = [{"CidrIp": x} for x in cidrs]
    if v6:
        perm["Ipv6Ranges"] = [{"CidrIpv6": x} for x in v6]
    if groups:
        perm["UserIdGroupPairs"] = [{"GroupId": g} for g in groups]
    if rule.get("prefixListIds"):
        perm["PrefixListIds"] = [{"PrefixListId": x} for x in rule["prefixListIds"]]
    return perm


def _replace_rules(c: _Ctx, gid: str, p: dict[str, Any]) -> None:
    """Make a group's rules exactly the declared ones (AWS adds allow-all egress; Pulumi removes it)."""
    ec2 = c.client("ec2")
    sg = ec2.describe_security_groups(GroupIds=[gid])["SecurityGroups"][0]
    if sg.get("IpPermissions"):
        ec2.revoke_security_group_ingress(GroupId=gid, IpPermissions=sg["IpPermissions"])
    if sg.get("IpPermissionsEgress"):
        ec2.revoke_security_group_egress(GroupId=gid, IpPermissions=sg["IpPermissionsEgress"])
    for key, call in (
        ("ingress", ec2.authorize_security_group_ingress),
        ("egress", ec2.authorize_security_group_egress),
    ):
        for rule in p.get(key) or []:
            call(GroupId=gid, IpPermissions=[_permission({**rule, "_self": gid})])


@handles(t.SECURITY_GROUP)
def _sg(c: _Ctx, r: Resource, p: dict[str, Any]):
    gid = c.client("ec2").create_security_group(
        **_kw(
            GroupName=p.get("name") or r.name,
            Description=p.get("description") or "Managed by Pulumi",
            VpcId=p.get("vpcId"),
        )
    )["GroupId"]
    _ec2_tags(c, gid, p)
    _replace_rules(c, gid, p)
    return gid, {"arn": f"arn:aws:ec2:{c.region}:{c.account}:security-group/{gid}"}


@handles(t.DEFAULT_SECURITY_GROUP)
def _default_sg(c: _Ctx, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    gid = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [p["vpcId"]]}, {"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"][0]["GroupId"]
    _replace_rules(c, gid, p)
    return gid, {}


@handles(t.SG_INGRESS_RULE, t.SG_EGRESS_RULE, t.SECURITY_GROUP_RULE)
def _sg_rule(c: _Ctx, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    gid = p["securityGroupId"]
    egress = r.type == t.SG_EGRESS_RULE or p.get("type") == "egress"
    call = ec2.authorize_security_group_egress if egress else ec2.authorize_security_group_ingress
    got = call(GroupId=gid, IpPermissions=[_permission({**p, "_self": gid})])
    rules = got.get("SecurityGroupRules") or [{}]
    return rules[0].get("SecurityGroupRuleId", f"sgrule-{gid}"), {}


@handles(t.NETWORK_ACL)
def _nacl(c: _Ctx, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    aid = ec2.create_network_acl(VpcId=p["vpcId"])["NetworkAcl"]["NetworkAclId"]
    _ec2_tags(c, aid, p)
    for egress, key in ((False, "ingress"), (True, "egress")):
        for e in p.get(key) or []:
            ec2.create_network_acl_entry(
                NetworkAclId=aid,
                Egress=egress,
                RuleNumber=int(e["ruleNo"]),
                Protocol=str(e.get("protocol", "-1")),
                RuleAction=e["action"],
                CidrBlock=e.get("cidrBlock", "0.0.0.0/0"),
                PortRange={"From": int(e.get("fromPort", 0)), "To": int(e.get("toPort", 0))},
            )
    for sid in p.get("subnetIds") or []:
        _move_subnet_acl(c, sid, aid)
    return aid, {}


def _move_subnet_acl(c: _Ctx, subnet_id: str, acl_id: str) -> str:
    ec2 = c.client("ec2")
    acls = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}])
    for acl in acls["NetworkAcls"]:
        for assoc in acl.get("Associations") or []:
            if assoc.get("SubnetId") == subnet_id:
                return ec2.replace_network_acl_association(
                    AssociationId=assoc["NetworkAclAssociationId"], NetworkAclId=acl_id
                )["NewAssociationId"]
    raise NotEmulated(f"subnet {subnet_id} has no network ACL association to replace")


@handles(t.NETWORK_ACL_RULE)
def _nacl_rule(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("ec2").create_network_acl_entry(
        NetworkAclId=p["networkAclId"],
        Egress=bool(p.get("egress")),
        RuleNumber=int(p["ruleNumber"]),
        Protocol=str(p.get("protocol", "-1")),
        RuleAction=p["ruleAction"],
        CidrBlock=p.get("cidrBlock", "0.0.0.0/0"),
        PortRange={"From": int(p.get("fromPort", 0)), "To": int(p.get("toPort", 0))},
    )
    return f"nacl-{p['networkAclId']}-{p['ruleNumber']}", {}


@handles(t.NETWORK_ACL_ASSOCIATION)
def _nacl_assoc(c: _Ctx, r: Resource, p: dict[str, Any]):
    return _move_subnet_acl(c, p["subnetId"], p["networkAclId"]), {}


@handles(t.FLOW_LOG)
def _flow_log(c: _Ctx, r: Resource, p: dict[str, Any]):
    ident = p.get("vpcId") or p.get("subnetId") or p.get("eniId")
    kind = "VPC" if p.get("vpcId") else ("Subnet" if p.get("subnetId") else "NetworkInterface")
    dest_type = p.get("logDestinationType") or "cloud-watch-logs"
    got = c.client("ec2").create_flow_logs(
        **_kw(
            ResourceIds=[ident],
            ResourceType=kind,
            TrafficType=p.get("trafficType", "ALL"),
            LogDestinationType=dest_type,
            LogDestination=p.get("logDestination"),
            LogGroupName=p.get("logGroupName") if not _present(p.get("logDestination")) else None,
            DeliverLogsPermissionArn=p.get("iamRoleArn"),
            MaxAggregationInterval=p.get("maxAggregationInterval"),
        )
    )
    if not got.get("FlowLogIds"):
        raise NotEmulated(f"moto refused the flow log: {got.get('Unsuccessful')}")
    return got["FlowLogIds"][0], {}


@handles(t.VPC_ENDPOINT)
def _vpc_endpoint(c: _Ctx, r: Resource, p: dict[str, Any]):
    ep = c.client("ec2").create_vpc_endpoint(
        **_kw(
            VpcId=p["vpcId"],
            ServiceName=p["serviceName"],
            VpcEndpointType=p.get("vpcEndpointType"),
            RouteTableIds=p.get("routeTableIds"),
            SubnetIds=p.get("subnetIds"),
            SecurityGroupIds=p.get("securityGroupIds"),
            PrivateDnsEnabled=p.get("privateDnsEnabled"),
            PolicyDocument=_policy_text(p["policy"]) if _present(p.get("policy")) else None,
        )
    )["VpcEndpoint"]
    return ep["VpcEndpointId"], {}


@handles(t.VPC_PEERING_CONNECTION)
def _peering(c: _Ctx, r: Resource, p: dict[str, Any]):
    ec2 = c.client("ec2")
    pcx = ec2.create_vpc_peering_connection(
        **_kw(VpcId=p["vpcId"], PeerVpcId=p["peerVpcId"], PeerOwnerId=p.get("peerOwnerId"))
    )["VpcPeeringConnection"]
    pid = pcx["VpcPeeringConnectionId"]
    if p.get("autoAccept"):
        ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pid)
    return pid, {}


@handles(t.EBS_ENCRYPTION_BY_DEFAULT)
def _ebs_default(c: _Ctx, r: Resource, p: dict[str, Any]):
    if p.get("enabled", True):
        c.client("ec2").enable_ebs_encryption_by_default()
    return c.region, {}


@handles(t.EBS_DEFAULT_KMS_KEY)
def _ebs_key(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("ec2").modify_ebs_default_kms_key_id(KmsKeyId=p["keyArn"])
    return c.region, {}


# --- Logs, monitoring -------------------------------------------------------------------------------------
@handles(t.LOG_GROUP)
def _log_group(c: _Ctx, r: Resource, p: dict[str, Any]):
    logs = c.client("logs")
    name = p.get("name") or r.id
    # moto gap: associate_kms_key is not implemented; CreateLogGroup takes the key directly.
    logs.create_log_group(**_kw(logGroupName=name, kmsKeyId=p.get("kmsKeyId"), tags=_tags(p) or None))
    if p.get("retentionInDays"):
        logs.put_retention_policy(logGroupName=name, retentionInDays=int(p["retentionInDays"]))
    return name, {"arn": f"arn:aws:logs:{c.region}:{c.account}:log-group:{name}"}


@handles(t.LOG_METRIC_FILTER)
def _metric_filter(c: _Ctx, r: Resource, p: dict[str, Any]):
    transforms = [
        {
            "metricName": m["name"],
            "metricNamespace": m["namespace"],
            "metricValue": str(m.get("value", "1")),
            **({"defaultValue": float(m["defaultValue"])} if _present(m.get("defaultValue")) else {}),
        }
        for m in (
            [p["metricTransformation"]]
            if isinstance(p.get("metricTransformation"), dict)
            else p.get("metricTransformation") or []
        )
    ]
    name = p.get("name") or r.id
    c.client("logs").put_metric_filter(
        logGroupName=p["logGroupName"],
        filterName=name,
        filterPattern=p.get("pattern", ""),
        metricTransformations=transforms,
    )
    return name, {}


@handles(t.METRIC_ALARM)
def _alarm(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.id
    c.client("cloudwatch").put_metric_alarm(
        **_kw(
            AlarmName=name,
            AlarmDescription=p.get("alarmDescription"),
            MetricName=p.get("metricName"),
            Namespace=p.get("namespace"),
            Statistic=p.get("statistic"),
            Period=int(p.get("period", 300)),
            EvaluationPeriods=int(p.get("evaluationPeriods", 1)),
            Threshold=float(p.get("threshold", 1)),
            ComparisonOperator=p.get("comparisonOperator", "GreaterThanOrEqualToThreshold"),
            AlarmActions=p.get("alarmActions"),
            OKActions=p.get("okActions"),
            TreatMissingData=p.get("treatMissingData"),
        )
    )
    return name, {"arn": f"arn:aws:cloudwatch:{c.region}:{c.account}:alarm:{name}"}


@handles(t.SNS_TOPIC)
def _topic(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    attrs = _kw(
        KmsMasterKeyId=p.get("kmsMasterKeyId"),
        Policy=_policy_text(p["policy"]) if _present(p.get("policy")) else None,
    )
    arn = c.client("sns").create_topic(Name=name, Attributes=attrs, Tags=_tag_list(p))["TopicArn"]
    return arn, {"arn": arn}


@handles(t.SNS_TOPIC_SUBSCRIPTION)
def _subscription(c: _Ctx, r: Resource, p: dict[str, Any]):
    arn = c.client("sns").subscribe(
        TopicArn=p["topic"], Protocol=p["protocol"], Endpoint=p["endpoint"], ReturnSubscriptionArn=True
    )["SubscriptionArn"]
    return arn, {"arn": arn}


@handles(t.GUARDDUTY_DETECTOR)
def _detector(c: _Ctx, r: Resource, p: dict[str, Any]):
    det = c.client("guardduty").create_detector(Enable=bool(p.get("enable", True)))["DetectorId"]
    return det, {"arn": f"arn:aws:guardduty:{c.region}:{c.account}:detector/{det}"}


@handles(t.GUARDDUTY_DETECTOR_FEATURE)
def _detector_feature(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("guardduty").update_detector(
        DetectorId=p["detectorId"], Features=[{"Name": p["name"], "Status": p.get("status", "ENABLED")}]
    )
    return f"{p['detectorId']}/{p['name']}", {}


@handles(t.SNS_TOPIC_POLICY)
def _topic_policy(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("sns").set_topic_attributes(
        TopicArn=p["arn"], AttributeName="Policy", AttributeValue=_policy_text(p["policy"])
    )
    return p["arn"], {}


@handles(t.CLOUDTRAIL)
def _trail(c: _Ctx, r: Resource, p: dict[str, Any]):
    ct = c.client("cloudtrail")
    name = p.get("name") or r.name
    got = ct.create_trail(
        **_kw(
            Name=name,
            S3BucketName=p["s3BucketName"],
            S3KeyPrefix=p.get("s3KeyPrefix"),
            IsMultiRegionTrail=p.get("isMultiRegionTrail"),
            EnableLogFileValidation=p.get("enableLogFileValidation"),
            IncludeGlobalServiceEvents=p.get("includeGlobalServiceEvents"),
            KmsKeyId=p.get("kmsKeyId"),
            CloudWatchLogsLogGroupArn=p.get("cloudWatchLogsGroupArn"),
            CloudWatchLogsRoleArn=p.get("cloudWatchLogsRoleArn"),
            IsOrganizationTrail=p.get("isOrganizationTrail"),
            TagsList=_tag_list(p) or None,
        )
    )
    if p.get("enableLogging", True):
        ct.start_logging(Name=name)
    selectors = p.get("eventSelectors") or []
    if selectors:
        ct.put_event_selectors(
            TrailName=name,
            EventSelectors=[
                {
                    **_kw(
                        ReadWriteType=s.get("readWriteType"),
                        IncludeManagementEvents=s.get("includeManagementEvents"),
                    ),
                    "DataResources": [
                        {"Type": d["type"], "Values": list(d["values"])} for d in s.get("dataResources") or []
                    ],
                }
                for s in selectors
            ],
        )
    return got["TrailARN"], {"arn": got["TrailARN"], "homeRegion": c.region}


# --- Edge -------------------------------------------------------------------------------------------------
@handles(*t.LOAD_BALANCERS)
def _load_balancer(c: _Ctx, r: Resource, p: dict[str, Any]):
    elb = c.client("elbv2")
    lb = elb.create_load_balancer(
        **_kw(
            Name=p.get("name") or r.name[:32],
            Subnets=p.get("subnets"),
            SecurityGroups=p.get("securityGroups"),
            Scheme="internal" if p.get("internal") else "internet-facing",
            Type=p.get("loadBalancerType", "application"),
            Tags=_tag_list(p) or None,
        )
    )["LoadBalancers"][0]
    attrs = [
        {"Key": k, "Value": str(v).lower()}
        for k, v in (
            ("deletion_protection.enabled", p.get("enableDeletionProtection")),
            ("routing.http.drop_invalid_header_fields.enabled", p.get("dropInvalidHeaderFields")),
        )
        if v is not None
    ]
    if attrs:
        elb.modify_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"], Attributes=attrs)
    return lb["LoadBalancerArn"], {"arn": lb["LoadBalancerArn"], "dnsName": lb["DNSName"]}


@handles(t.LB_TARGET_GROUP)
def _target_group(c: _Ctx, r: Resource, p: dict[str, Any]):
    tg = c.client("elbv2").create_target_group(
        **_kw(
            Name=p.get("name") or r.name[:32],
            Protocol=p.get("protocol"),
            Port=p.get("port"),
            VpcId=p.get("vpcId"),
            TargetType=p.get("targetType"),
        )
    )["TargetGroups"][0]
    return tg["TargetGroupArn"], {"arn": tg["TargetGroupArn"]}


@handles(*t.LB_LISTENERS)
def _listener(c: _Ctx, r: Resource, p: dict[str, Any]):
    actions = []
    for a in p.get("defaultActions") or []:
        action: dict[str, Any] = {"Type": a["type"]}
        if _present(a.get("targetGroupArn")):
            action["TargetGroupArn"] = a["targetGroupArn"]
        if a.get("redirect"):
            red = a["redirect"]
            action["RedirectConfig"] = _kw(
                Protocol=red.get("protocol"),
                Port=str(red.get("port", "")) or None,
                StatusCode=red.get("statusCode", "HTTP_301"),
            )
        if a.get("fixedResponse"):
            fr = a["fixedResponse"]
            action["FixedResponseConfig"] = _kw(
                StatusCode=str(fr.get("statusCode", "404")), ContentType=fr.get("contentType")
            )
        actions.append(action)
    cert = p.get("certificateArn")
    if _present(cert) and cert not in c.ids.values():
        # The stack names a certificate issued in the real account; the emulated account gets a stand-in.
        stand_in = c.client("acm").request_certificate(DomainName="pms.emulated.example")["CertificateArn"]
        c.ids[cert] = stand_in
        p = {**p, "certificateArn": stand_in}
    ls = c.client("elbv2").create_listener(
        **_kw(
            LoadBalancerArn=p["loadBalancerArn"],
            Protocol=p.get("protocol"),
            Port=p.get("port"),
            SslPolicy=p.get("sslPolicy"),
            Certificates=[{"CertificateArn": p["certificateArn"]}]
            if _present(p.get("certificateArn"))
            else None,
            DefaultActions=actions,
        )
    )["Listeners"][0]
    return ls["ListenerArn"], {"arn": ls["ListenerArn"]}


_API_KEYS = {"cloudwatchMetricsEnabled": "CloudWatchMetricsEnabled"}


def _api_shape(value: Any) -> Any:
    """Engine (camelCase) nested blocks in the API's PascalCase, e.g. a WAF rule's statement tree.

    One-element lists the bridge uses for nested blocks are unwrapped where the API takes an object.
    """
    if isinstance(value, dict):
        return {
            _API_KEYS.get(k, k[:1].upper() + k[1:]): _api_shape(v)
            for k, v in value.items()
            if _present(v) or v == {}
        }
    if isinstance(value, list):
        return [_api_shape(v) for v in value]
    return value


@handles(t.WAF_WEB_ACL)
def _web_acl(c: _Ctx, r: Resource, p: dict[str, Any]):
    waf = c.client("wafv2")
    got = waf.create_web_acl(
        **_kw(
            Name=p.get("name") or r.name,
            Scope=p.get("scope", "REGIONAL"),
            DefaultAction=_api_shape(p.get("defaultAction") or {"allow": {}}),
            VisibilityConfig=_api_shape(p.get("visibilityConfig")),
            Rules=_api_shape(p.get("rules") or []),
            Description=p.get("description"),
            Tags=_tag_list(p) or None,
        )
    )["Summary"]
    return got["Id"], {"arn": got["ARN"]}


@handles(t.WAF_WEB_ACL_ASSOCIATION)
def _web_acl_association(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("wafv2").associate_web_acl(WebACLArn=p["webAclArn"], ResourceArn=p["resourceArn"])
    return f"{p['webAclArn']},{p['resourceArn']}", {}


@handles(t.WAF_LOGGING)
def _web_acl_logging(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("wafv2").put_logging_configuration(
        LoggingConfiguration={
            "ResourceArn": p["resourceArn"],
            "LogDestinationConfigs": list(p["logDestinationConfigs"]),
        }
    )
    return p["resourceArn"], {}


# --- Config ----------------------------------------------------------------------------------------------
@handles(t.CONFIG_RECORDER)
def _recorder(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    group = p.get("recordingGroup") or {}
    c.client("config").put_configuration_recorder(
        ConfigurationRecorder={
            "name": name,
            "roleARN": p["roleArn"],
            "recordingGroup": _kw(
                allSupported=group.get("allSupported", True),
                includeGlobalResourceTypes=group.get("includeGlobalResourceTypes"),
            ),
        }
    )
    return name, {}


@handles(t.CONFIG_DELIVERY_CHANNEL)
def _delivery_channel(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    c.client("config").put_delivery_channel(
        DeliveryChannel=_kw(
            name=name,
            s3BucketName=p.get("s3BucketName"),
            s3KeyPrefix=p.get("s3KeyPrefix"),
            snsTopicARN=p.get("snsTopicArn"),
        )
    )
    return name, {}


@handles(t.CONFIG_RECORDER_STATUS)
def _recorder_status(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    if p.get("isEnabled", True):
        c.client("config").start_configuration_recorder(ConfigurationRecorderName=name)
    return name, {}


MANAGED_RULE_DEFAULTS = {
    "CLOUDWATCH_ALARM_ACTION_CHECK": {
        "alarmActionRequired": "true",
        "insufficientDataActionRequired": "true",
        "okActionRequired": "false",
    },
}


@handles(t.CONFIG_RULE)
def _config_rule(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    source = p.get("source") or {}
    rule = {
        "ConfigRuleName": name,
        "Source": _kw(Owner=source.get("owner", "AWS"), SourceIdentifier=source.get("sourceIdentifier")),
    }
    params = p.get("inputParameters")
    ident = rule["Source"].get("SourceIdentifier", "")
    if not _present(params) and ident in MANAGED_RULE_DEFAULTS:
        # moto gap: moto requires parameters AWS defaults for managed rules; pass AWS's defaults.
        params = MANAGED_RULE_DEFAULTS[ident]
    if _present(params):
        rule["InputParameters"] = _policy_text(params)
    c.client("config").put_config_rule(ConfigRule=rule)
    got = c.client("config").describe_config_rules(ConfigRuleNames=[name])["ConfigRules"][0]
    return name, {"arn": got.get("ConfigRuleArn", ""), "ruleId": got.get("ConfigRuleId", "")}


# --- Identity -----------------------------------------------------------------------------------------------
@handles(t.IAM_ROLE)
def _role(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    role = c.client("iam").create_role(
        **_kw(
            RoleName=name,
            Path=p.get("path"),
            AssumeRolePolicyDocument=_policy_text(p["assumeRolePolicy"]),
            Description=p.get("description"),
            Tags=_tag_list(p) or None,
        )
    )["Role"]
    for inline in p.get("inlinePolicies") or []:
        if _present(inline.get("policy")):
            c.client("iam").put_role_policy(
                RoleName=name, PolicyName=inline["name"], PolicyDocument=_policy_text(inline["policy"])
            )
    return name, {"arn": role["Arn"], "uniqueId": role["RoleId"]}


@handles(t.IAM_ROLE_POLICY)
def _role_policy(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    c.client("iam").put_role_policy(
        RoleName=p["role"], PolicyName=name, PolicyDocument=_policy_text(p["policy"])
    )
    return f"{p['role']}:{name}", {}


@handles(t.IAM_POLICY)
def _iam_policy(c: _Ctx, r: Resource, p: dict[str, Any]):
    pol = c.client("iam").create_policy(
        **_kw(
            PolicyName=p.get("name") or r.name,
            Path=p.get("path"),
            PolicyDocument=_policy_text(p["policy"]),
            Description=p.get("description"),
        )
    )["Policy"]
    return pol["Arn"], {"arn": pol["Arn"]}


@handles(t.IAM_ROLE_POLICY_ATTACHMENT)
def _role_attach(c: _Ctx, r: Resource, p: dict[str, Any]):
    from botocore.exceptions import ClientError

    try:
        c.client("iam").attach_role_policy(RoleName=p["role"], PolicyArn=p["policyArn"])
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "NoSuchEntity" and ":iam::aws:policy/" in p["policyArn"]:
            raise NotEmulated(
                "moto has no AWS managed policies unless MOTO_IAM_LOAD_MANAGED_POLICIES=true "
                "(emulate sets it for its server)"
            ) from None
        raise
    return f"{p['role']}-{p['policyArn']}", {}


@handles(t.IAM_ACCOUNT_PASSWORD_POLICY)
def _password_policy(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("iam").update_account_password_policy(
        **_kw(
            MinimumPasswordLength=p.get("minimumPasswordLength"),
            RequireSymbols=p.get("requireSymbols"),
            RequireNumbers=p.get("requireNumbers"),
            RequireUppercaseCharacters=p.get("requireUppercaseCharacters"),
            RequireLowercaseCharacters=p.get("requireLowercaseCharacters"),
            AllowUsersToChangePassword=p.get("allowUsersToChangePassword"),
            MaxPasswordAge=p.get("maxPasswordAge"),
            PasswordReusePrevention=p.get("passwordReusePrevention"),
            HardExpiry=p.get("hardExpiry"),
        )
    )
    return "iam-account-password-policy", {}


@handles(t.ACCESS_ANALYZER)
def _analyzer(c: _Ctx, r: Resource, p: dict[str, Any]):
    from botocore.exceptions import ClientError

    name = p.get("analyzerName") or r.name
    try:
        arn = c.client("accessanalyzer").create_analyzer(analyzerName=name, type=p.get("type", "ACCOUNT"))[
            "arn"
        ]
    except ClientError as exc:
        if exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
            raise NotEmulated("moto 5.2.5 does not implement access-analyzer:CreateAnalyzer") from None
        raise
    return name, {"arn": arn}


@handles(t.SECRET)
def _secret(c: _Ctx, r: Resource, p: dict[str, Any]):
    got = c.client("secretsmanager").create_secret(
        **_kw(
            Name=p.get("name") or r.name,
            KmsKeyId=p.get("kmsKeyId"),
            Description=p.get("description"),
            Tags=_tag_list(p) or None,
        )
    )
    return got["ARN"], {"arn": got["ARN"]}


# --- Databases ---------------------------------------------------------------------------------------------
@handles(t.RDS_PARAMETER_GROUP)
def _param_group(c: _Ctx, r: Resource, p: dict[str, Any]):
    rds = c.client("rds")
    name = p.get("name") or r.id
    got = rds.create_db_parameter_group(
        DBParameterGroupName=name,
        DBParameterGroupFamily=p["family"],
        Description=p.get("description") or "Managed by Pulumi",
    )["DBParameterGroup"]
    params = [
        {
            "ParameterName": x["name"],
            "ParameterValue": str(x["value"]),
            "ApplyMethod": x.get("applyMethod", "immediate"),
        }
        for x in p.get("parameters") or []
    ]
    if params:
        rds.modify_db_parameter_group(DBParameterGroupName=name, Parameters=params)
    return name, {"arn": got["DBParameterGroupArn"]}


@handles(t.RDS_SUBNET_GROUP)
def _subnet_group(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.id
    got = c.client("rds").create_db_subnet_group(
        DBSubnetGroupName=name,
        SubnetIds=list(p["subnetIds"]),
        DBSubnetGroupDescription=p.get("description") or "Managed by Pulumi",
    )["DBSubnetGroup"]
    return name, {"arn": got["DBSubnetGroupArn"]}


@handles(t.RDS_INSTANCE)
def _db(c: _Ctx, r: Resource, p: dict[str, Any]):
    ident = p.get("identifier") or r.id
    managed = bool(p.get("manageMasterUserPassword"))
    db = c.client("rds").create_db_instance(
        **_kw(
            DBInstanceIdentifier=ident,
            Engine=p.get("engine", "postgres"),
            EngineVersion=p.get("engineVersion"),
            DBInstanceClass=p.get("instanceClass", "db.t3.micro"),
            AllocatedStorage=p.get("allocatedStorage"),
            StorageType=p.get("storageType"),
            StorageEncrypted=p.get("storageEncrypted"),
            KmsKeyId=p.get("kmsKeyId"),
            PubliclyAccessible=bool(p.get("publiclyAccessible", False)),
            BackupRetentionPeriod=p.get("backupRetentionPeriod"),
            DeletionProtection=p.get("deletionProtection"),
            EnableIAMDatabaseAuthentication=p.get("iamDatabaseAuthenticationEnabled"),
            DBSubnetGroupName=p.get("dbSubnetGroupName"),
            VpcSecurityGroupIds=p.get("vpcSecurityGroupIds"),
            DBParameterGroupName=p.get("parameterGroupName"),
            MultiAZ=p.get("multiAz"),
            DBName=p.get("dbName"),
            MasterUsername=p.get("username") or "pmsadmin",
            ManageMasterUserPassword=True if managed else None,
            MasterUserSecretKmsKeyId=p.get("masterUserSecretKmsKeyId") if managed else None,
            MasterUserPassword=None if managed else EMULATED_PASSWORD,
            CopyTagsToSnapshot=p.get("copyTagsToSnapshot"),
            AutoMinorVersionUpgrade=p.get("autoMinorVersionUpgrade"),
            EnableCloudwatchLogsExports=p.get("enabledCloudwatchLogsExports"),
            MonitoringInterval=p.get("monitoringInterval"),
            MonitoringRoleArn=p.get("monitoringRoleArn"),
            EnablePerformanceInsights=p.get("performanceInsightsEnabled"),
            PerformanceInsightsKMSKeyId=p.get("performanceInsightsKmsKeyId"),
            Tags=_tag_list(p) or None,
        )
    )["DBInstance"]
    return ident, {"arn": db["DBInstanceArn"], "resourceId": db.get("DbiResourceId", "")}


@handles(t.RDS_SNAPSHOT)
def _snapshot(c: _Ctx, r: Resource, p: dict[str, Any]):
    rds = c.client("rds")
    name = p.get("dbSnapshotIdentifier") or r.id
    snap = rds.create_db_snapshot(DBSnapshotIdentifier=name, DBInstanceIdentifier=p["dbInstanceIdentifier"])
    if p.get("sharedAccounts"):
        rds.modify_db_snapshot_attribute(
            DBSnapshotIdentifier=name, AttributeName="restore", ValuesToAdd=list(p["sharedAccounts"])
        )
    return name, {"dbSnapshotArn": snap["DBSnapshot"]["DBSnapshotArn"]}


# --- Backup ------------------------------------------------------------------------------------------------
@handles(t.BACKUP_VAULT)
def _vault(c: _Ctx, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.id
    got = c.client("backup").create_backup_vault(
        **_kw(BackupVaultName=name, EncryptionKeyArn=p.get("kmsKeyArn"), BackupVaultTags=_tags(p) or None)
    )
    return name, {"arn": got["BackupVaultArn"]}


@handles(t.BACKUP_VAULT_LOCK)
def _vault_lock(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("backup").put_backup_vault_lock_configuration(
        **_kw(
            BackupVaultName=p["backupVaultName"],
            MinRetentionDays=p.get("minRetentionDays"),
            MaxRetentionDays=p.get("maxRetentionDays"),
            ChangeableForDays=p.get("changeableForDays"),
        )
    )
    return p["backupVaultName"], {}


@handles(t.BACKUP_PLAN)
def _plan(c: _Ctx, r: Resource, p: dict[str, Any]):
    def lifecycle(block: Any) -> dict[str, Any]:
        block = block[0] if isinstance(block, list) and block else block
        if not isinstance(block, dict):
            return {}
        return _kw(
            DeleteAfterDays=block.get("deleteAfter"), MoveToColdStorageAfterDays=block.get("coldStorageAfter")
        )

    rules = []
    for rule in p.get("rules") or []:
        out = _kw(
            RuleName=rule["ruleName"],
            TargetBackupVaultName=rule["targetVaultName"],
            ScheduleExpression=rule.get("schedule"),
            StartWindowMinutes=rule.get("startWindow"),
            CompletionWindowMinutes=rule.get("completionWindow"),
            EnableContinuousBackup=rule.get("enableContinuousBackup"),
        )
        if lifecycle(rule.get("lifecycle")):
            out["Lifecycle"] = lifecycle(rule.get("lifecycle"))
        copies = [
            {
                "DestinationBackupVaultArn": a["destinationVaultArn"],
                **({"Lifecycle": lifecycle(a.get("lifecycle"))} if lifecycle(a.get("lifecycle")) else {}),
            }
            for a in rule.get("copyActions") or []
        ]
        if copies:
            out["CopyActions"] = copies
        rules.append(out)
    got = c.client("backup").create_backup_plan(
        BackupPlan={"BackupPlanName": p.get("name") or r.name, "Rules": rules}
    )
    return got["BackupPlanId"], {"arn": got["BackupPlanArn"], "version": got.get("VersionId", "")}


@handles(t.BACKUP_SELECTION)
def _selection(c: _Ctx, r: Resource, p: dict[str, Any]):
    raise NotEmulated("moto 5.2.5 does not implement backup:CreateBackupSelection")


# --- S3 ---------------------------------------------------------------------------------------------------
@handles(*t.S3_BUCKETS)
def _bucket(c: _Ctx, r: Resource, p: dict[str, Any]):
    s3 = c.client("s3")
    name = p.get("bucket") or r.id
    kwargs: dict[str, Any] = {"Bucket": name}
    if c.region != "us-east-1":
        kwargs["CreateBucketConfiguration"] = {"LocationConstraint": c.region}
    if p.get("objectLockEnabled"):
        kwargs["ObjectLockEnabledForBucket"] = True
    s3.create_bucket(**kwargs)
    if _tag_list(p):
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": _tag_list(p)})
    return name, {"arn": f"arn:aws:s3:::{name}"}


@handles(*t.S3_SSES)
def _bucket_sse(c: _Ctx, r: Resource, p: dict[str, Any]):
    rules = []
    for rule in p.get("rules") or []:
        default = rule.get("applyServerSideEncryptionByDefault") or {}
        rules.append(
            {
                "ApplyServerSideEncryptionByDefault": _kw(
                    SSEAlgorithm=default.get("sseAlgorithm"), KMSMasterKeyID=default.get("kmsMasterKeyId")
                ),
                **_kw(BucketKeyEnabled=rule.get("bucketKeyEnabled")),
            }
        )
    c.client("s3").put_bucket_encryption(
        Bucket=p["bucket"], ServerSideEncryptionConfiguration={"Rules": rules}
    )
    return p["bucket"], {}


@handles(*t.S3_VERSIONINGS)
def _bucket_versioning(c: _Ctx, r: Resource, p: dict[str, Any]):
    conf = p.get("versioningConfiguration") or {}
    c.client("s3").put_bucket_versioning(
        Bucket=p["bucket"], VersioningConfiguration={"Status": conf.get("status", "Enabled")}
    )
    return p["bucket"], {}


@handles(*t.S3_LOGGINGS)
def _bucket_logging(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("s3").put_bucket_logging(
        Bucket=p["bucket"],
        BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": p["targetBucket"], "TargetPrefix": p.get("targetPrefix", "")}
        },
    )
    return p["bucket"], {}


@handles(*t.S3_LIFECYCLES)
def _bucket_lifecycle(c: _Ctx, r: Resource, p: dict[str, Any]):
    rules = []
    for rule in p.get("rules") or []:
        out: dict[str, Any] = {
            "ID": rule.get("id", "rule"),
            "Status": rule.get("status", "Enabled"),
            "Filter": {"Prefix": ((rule.get("filter") or {}).get("prefix") or "")},
        }
        exp = rule.get("noncurrentVersionExpiration") or {}
        if exp.get("noncurrentDays"):
            out["NoncurrentVersionExpiration"] = {"NoncurrentDays": int(exp["noncurrentDays"])}
        if (rule.get("expiration") or {}).get("days"):
            out["Expiration"] = {"Days": int(rule["expiration"]["days"])}
        abort = rule.get("abortIncompleteMultipartUpload") or {}
        if abort.get("daysAfterInitiation"):
            out["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": int(abort["daysAfterInitiation"])}
        for tr_key, api_key, days_key in (
            ("transitions", "Transitions", "days"),
            ("noncurrentVersionTransitions", "NoncurrentVersionTransitions", "noncurrentDays"),
        ):
            trs = [
                {
                    ("Days" if days_key == "days" else "NoncurrentDays"): int(x[days_key]),
                    "StorageClass": x["storageClass"],
                }
                for x in rule.get(tr_key) or []
                if x.get(days_key)
            ]
            if trs:
                out[api_key] = trs
        rules.append(out)
    c.client("s3").put_bucket_lifecycle_configuration(
        Bucket=p["bucket"], LifecycleConfiguration={"Rules": rules}
    )
    return p["bucket"], {}


@handles(*t.S3_OBJECT_LOCKS)
def _bucket_object_lock(c: _Ctx, r: Resource, p: dict[str, Any]):
    rule = p.get("rule") or {}
    ret = rule.get("defaultRetention") or {}
    conf: dict[str, Any] = {"ObjectLockEnabled": p.get("objectLockEnabled", "Enabled")}
    if ret:
        conf["Rule"] = {
            "DefaultRetention": _kw(Mode=ret.get("mode"), Days=ret.get("days"), Years=ret.get("years"))
        }
    s3 = c.client("s3")
    s3.put_object_lock_configuration(Bucket=p["bucket"], ObjectLockConfiguration=conf)
    # moto gap: a TLS-only bucket policy blocks moto's own object writes, so the first log delivery is
    # written now, before the policy; it is a locked object version to prove deletion fails.
    key = FIRST_DELIVERY_KEY.format(account=c.account, region=c.region)
    s3.put_object(Bucket=p["bucket"], Key=key, Body=b'{"Records": []}')
    return p["bucket"], {}


@handles(*t.S3_ACLS)
def _bucket_acl(c: _Ctx, r: Resource, p: dict[str, Any]):
    if not _present(p.get("acl")):
        raise NotEmulated("only canned ACLs are emulated")
    c.client("s3").put_bucket_acl(Bucket=p["bucket"], ACL=p["acl"])
    return p["bucket"], {}


@handles(t.S3_OWNERSHIP_CONTROLS)
def _bucket_ownership(c: _Ctx, r: Resource, p: dict[str, Any]):
    rule = p.get("rule") or {}
    c.client("s3").put_bucket_ownership_controls(
        Bucket=p["bucket"],
        OwnershipControls={
            "Rules": [{"ObjectOwnership": rule.get("objectOwnership", "BucketOwnerEnforced")}]
        },
    )
    return p["bucket"], {}


@handles(t.S3_PUBLIC_ACCESS_BLOCK)
def _bucket_pab(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("s3").put_public_access_block(Bucket=p["bucket"], PublicAccessBlockConfiguration=_pab(p))
    return p["bucket"], {}


def _pab(p: dict[str, Any]) -> dict[str, bool]:
    return {
        "BlockPublicAcls": bool(p.get("blockPublicAcls")),
        "IgnorePublicAcls": bool(p.get("ignorePublicAcls")),
        "BlockPublicPolicy": bool(p.get("blockPublicPolicy")),
        "RestrictPublicBuckets": bool(p.get("restrictPublicBuckets")),
    }


@handles(t.S3_POLICY)
def _bucket_policy(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("s3").put_bucket_policy(Bucket=p["bucket"], Policy=_policy_text(p["policy"]))
    return p["bucket"], {}


@handles(t.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK)
def _account_pab(c: _Ctx, r: Resource, p: dict[str, Any]):
    c.client("s3control").put_public_access_block(AccountId=c.account, PublicAccessBlockConfiguration=_pab(p))
    return c.account, {"accountId": c.account}


# --- realize ------------------------------------------------------------------------------------------------
REFUSED = "moto refused it: "


def _create(ctx: _Ctx, r: Resource, raw: dict[str, Any], result: Realized) -> str:
    """Create one resource and record its new identifiers; return why it was not created ('' on success)."""
    handler = HANDLERS.get(r.type)
    if handler is None:
        return "kind not emulated"
    try:
        new_id, outputs = handler(ctx, r, ctx.map(r.props))
    except NotEmulated as exc:
        return str(exc)
    except KeyError as exc:
        return f"the state records no {exc.args[0]}"
    except Exception as exc:  # a refusal from moto is reported per resource, never fatal to the rest
        return REFUSED + (" ".join(str(exc).split())[:300] or type(exc).__name__)
    result.created[r.type] = result.created.get(r.type, 0) + 1
    if r.id:
        ctx.ids[r.id] = new_id
    for key, value in outputs.items():
        old = r.outputs.get(key)
        if isinstance(old, str) and old and isinstance(value, str) and value:
            ctx.ids[old] = value
    raw["id"] = new_id
    raw["outputs"] = {**ctx.map(raw.get("outputs") or {}), **outputs}
    return ""


def _retry_refused(ctx: _Ctx, doc: StateDocument, raw_by_urn: dict[str, Any], result: Realized) -> None:
    """Try refused resources once more: moto checks some settings (a logging target's policy) that the
    document orders only by data dependencies, not by the settings AWS evaluates later."""
    refused = {(kind, name) for kind, name, why in result.skipped if why.startswith(REFUSED)}
    if not refused:
        return
    by_key = {(r.type, r.name): r for r in doc.resources}
    kept = []
    for kind, name, why in result.skipped:
        if (kind, name) in refused:
            again = _create(ctx, by_key[(kind, name)], raw_by_urn[by_key[(kind, name)].urn], result)
            if not again:
                continue
            why = again
        kept.append((kind, name, why))
    result.skipped = kept


def realize(
    document: dict[str, Any] | StateDocument,
    *,
    session: Any = None,
    region: str | None = None,
    endpoint_url: str | None = None,
) -> Realized:
    """Create ``document``'s resources in the account ``session`` reaches (moto), in document order."""
    import boto3

    doc = document if isinstance(document, StateDocument) else parse_document(document)
    session = session or boto3.Session()
    region = region or session.region_name or DEFAULT_REGION
    ctx = _Ctx(session, region, endpoint_url)
    deployed = copy.deepcopy(doc.raw)
    raw_by_urn = {item["urn"]: item for item in deployed["deployment"].get("resources", [])}
    result = Realized(document=deployed)
    for r in doc.resources:
        if not r.custom or r.type in NOT_RESOURCES or r.type.startswith("pulumi:providers:"):
            continue
        why = _create(ctx, r, raw_by_urn[r.urn], result)
        if why:
            result.skipped.append((r.type, r.name, why))
    _retry_refused(ctx, doc, raw_by_urn, result)
    for item in deployed["deployment"].get("resources", []):
        if item.get("inputs"):
            item["inputs"] = ctx.map(item["inputs"])
    return result


def simulate_root_access_key(account_id: str = "123456789012") -> None:
    """Give the emulated root user an access key (in-process moto only).

    AWS offers no API to create root keys (only the root user's console does), and moto 5.2.5 keeps
    ``AccountAccessKeysPresent`` at 0, so the drift test sets moto's account summary the way the
    console would.
    """
    from moto.iam.models import iam_backends

    iam_backends[account_id]["global"].account_summary._account_access_keys_present = 1


# --- command line -------------------------------------------------------------------------------------------
def add_emulate_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser("emulate", help="realize a stack's resources in a local moto server")
    p.add_argument("--stack", help="stack to preview and realize (stacks/Pulumi.<stack>.yaml)")
    p.add_argument("--state", help="realize this state document instead of previewing a stack")
    p.add_argument("--program", help="project or program directory (default: this project)")
    p.add_argument(
        "--port", type=int, default=5000, help="port of the moto server on 127.0.0.1 (default 5000)"
    )
    p.add_argument("--endpoint-url", help="realize into an already running endpoint instead of starting one")
    p.add_argument("--region", default=DEFAULT_REGION, help="region to create the resources in")
    p.add_argument("--out", help="write the deployed-state document here (for verify --state)")
    p.add_argument("--no-wait", action="store_true", help="exit after creating (the server stops with it)")
    p.set_defaults(func=emulate_main)
    return p


def emulate_main(args: argparse.Namespace) -> int:

    from pms_baseline.errors import InputError
    from pms_baseline.io import write_atomic
    from pms_baseline.loader import load_target

    doc = load_target("emulate", args.state, args.stack, args.program).document
    server = None
    endpoint = args.endpoint_url
    if not endpoint:
        import logging
        import os

        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        # Roles attach AWS managed policies (backup, RDS monitoring); moto only knows them when asked.
        os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
        try:
            server.start()
        except OSError as exc:
            raise InputError(f"cannot start moto on 127.0.0.1:{args.port}: {exc.strerror or exc}") from None
        endpoint = f"http://127.0.0.1:{args.port}"
    session = _local_session(args.region)
    result = realize(doc, session=session, region=args.region, endpoint_url=endpoint)
    if args.out:
        write_atomic(args.out, json.dumps(result.document, indent=2) + "\n")
    print(f"emulated account at {endpoint} (region {args.region}, fake credentials 'testing')")
    print(result.summary())
    if args.out:
        print(
            f"deployed state written to {args.out}; run: pms-baseline verify --endpoint-url {endpoint} "
            f"--region {args.region} --state {args.out}"
        )
    if server is not None and not args.no_wait:
        print("serving until interrupted (Ctrl-C)", flush=True)
        try:
            import threading

            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
    elif server is not None:
        server.stop()
    return 0


def _local_session(region: str) -> Any:
    """Credentials for the local endpoint: moto accepts any, so fake ones never reach a real account."""
    import boto3

    return boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region)
