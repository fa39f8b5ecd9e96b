"""Pulumi type tokens of every resource kind the baseline declares or judges.

The program's tests, the policy rules, the checkov bridge and the live checks all name resource kinds through
this module, so a token is spelled once. Pure data: importable without Pulumi or boto3.
"""

STACK = "pulumi:pulumi:Stack"
AWS_PROVIDER = "pulumi:providers:aws"

# KMS
KMS_KEY = "aws:kms/key:Key"
KMS_ALIAS = "aws:kms/alias:Alias"

# Networking
VPC = "aws:ec2/vpc:Vpc"
SUBNET = "aws:ec2/subnet:Subnet"
INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway"
EGRESS_ONLY_INTERNET_GATEWAY = "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway"
NAT_GATEWAY = "aws:ec2/natGateway:NatGateway"
EIP = "aws:ec2/eip:Eip"
ROUTE_TABLE = "aws:ec2/routeTable:RouteTable"
ROUTE = "aws:ec2/route:Route"
ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation"
DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup"
SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule"
SG_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
SG_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
NETWORK_ACL = "aws:ec2/networkAcl:NetworkAcl"
NETWORK_ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule"
NETWORK_ACL_ASSOCIATION = "aws:ec2/networkAclAssociation:NetworkAclAssociation"
DEFAULT_NETWORK_ACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"
FLOW_LOG = "aws:ec2/flowLog:FlowLog"
VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint"
VPC_PEERING_CONNECTION = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection"
VPC_PEERING_CONNECTION_ACCEPTER = "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter"
TRANSIT_GATEWAY_VPC_ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
VPN_GATEWAY = "aws:ec2/vpnGateway:VpnGateway"
VPN_CONNECTION = "aws:ec2/vpnConnection:VpnConnection"
INTERNET_GATEWAY_ATTACHMENT = "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment"
VPN_GATEWAY_ATTACHMENT = "aws:ec2/vpnGatewayAttachment:VpnGatewayAttachment"
EC2_INSTANCE = "aws:ec2/instance:Instance"
LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate"
EBS_VOLUME = "aws:ebs/volume:Volume"
EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault"
EBS_DEFAULT_KMS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey"

# Logging and monitoring
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
LOG_METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter"
METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
SNS_TOPIC = "aws:sns/topic:Topic"
SNS_TOPIC_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription"
SNS_TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy"
CLOUDTRAIL = "aws:cloudtrail/trail:Trail"
GUARDDUTY_DETECTOR = "aws:guardduty/detector:Detector"
GUARDDUTY_DETECTOR_FEATURE = "aws:guardduty/detectorFeature:DetectorFeature"
CONFIG_RECORDER = "aws:cfg/recorder:Recorder"
CONFIG_RECORDER_STATUS = "aws:cfg/recorderStatus:RecorderStatus"
CONFIG_DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel"
CONFIG_RULE = "aws:cfg/rule:Rule"
ACCESS_ANALYZER = "aws:accessanalyzer/analyzer:Analyzer"

# Identity
IAM_ROLE = "aws:iam/role:Role"
IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
IAM_POLICY = "aws:iam/policy:Policy"
IAM_USER = "aws:iam/user:User"
IAM_ACCESS_KEY = "aws:iam/accessKey:AccessKey"
IAM_ACCOUNT_PASSWORD_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy"
IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy"
IAM_USER_POLICY_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment"
IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment"
IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy"
IAM_GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment"
SECRET = "aws:secretsmanager/secret:Secret"
IAM_SERVICE_LINKED_ROLE = "aws:iam/serviceLinkedRole:ServiceLinkedRole"
IAM_USER_LOGIN_PROFILE = "aws:iam/userLoginProfile:UserLoginProfile"
IAM_VIRTUAL_MFA_DEVICE = "aws:iam/virtualMfaDevice:VirtualMfaDevice"
ACM_CERTIFICATE = "aws:acm/certificate:Certificate"

# Databases
RDS_INSTANCE = "aws:rds/instance:Instance"
RDS_CLUSTER = "aws:rds/cluster:Cluster"
RDS_PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup"
RDS_CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup"
RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup"
RDS_SNAPSHOT = "aws:rds/snapshot:Snapshot"
RDS_CLUSTER_SNAPSHOT = "aws:rds/clusterSnapshot:ClusterSnapshot"
RDS_SNAPSHOT_COPY = "aws:rds/snapshotCopy:SnapshotCopy"

# Backup
BACKUP_VAULT = "aws:backup/vault:Vault"
BACKUP_VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration"
BACKUP_PLAN = "aws:backup/plan:Plan"
BACKUP_SELECTION = "aws:backup/selection:Selection"
BACKUP_VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy"

# S3: pulumi-aws v7 renamed the V2 resources to their plain names and kept the V2 tokens as aliases;
# a rule that judges a bucket setting must accept both spellings.
S3_BUCKET = "aws:s3/bucket:Bucket"
S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2"
S3_BUCKETS = (S3_BUCKET, S3_BUCKET_V2)
S3_SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
S3_SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
S3_SSES = (S3_SSE, S3_SSE_V2)
S3_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning"
S3_VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2"
S3_VERSIONINGS = (S3_VERSIONING, S3_VERSIONING_V2)
S3_LOGGING = "aws:s3/bucketLogging:BucketLogging"
S3_LOGGING_V2 = "aws:s3/bucketLoggingV2:BucketLoggingV2"
S3_LOGGINGS = (S3_LOGGING, S3_LOGGING_V2)
S3_LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
S3_LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
S3_LIFECYCLES = (S3_LIFECYCLE, S3_LIFECYCLE_V2)
S3_OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"
S3_OBJECT_LOCK_V2 = "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"
S3_OBJECT_LOCKS = (S3_OBJECT_LOCK, S3_OBJECT_LOCK_V2)
S3_ACL = "aws:s3/bucketAcl:BucketAcl"
S3_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2"
S3_ACLS = (S3_ACL, S3_ACL_V2)
S3_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
S3_OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
S3_POLICY = "aws:s3/bucketPolicy:BucketPolicy"
S3_ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"

# Edge
LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer"
ALB_LOAD_BALANCER = "aws:alb/loadBalancer:LoadBalancer"
LOAD_BALANCERS = (LOAD_BALANCER, ALB_LOAD_BALANCER)
LB_LISTENER = "aws:lb/listener:Listener"
ALB_LISTENER = "aws:alb/listener:Listener"
LB_LISTENERS = (LB_LISTENER, ALB_LISTENER)
LB_TARGET_GROUP = "aws:lb/targetGroup:TargetGroup"
WAF_WEB_ACL = "aws:wafv2/webAcl:WebAcl"
WAF_WEB_ACL_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation"
WAF_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"

# Components of this project (pms:<area>:<Class>)
PMS_KEYRING = "pms:security:Keyring"
PMS_NETWORK = "pms:network:SegmentedNetwork"
PMS_DATABASE = "pms:data:PhiDatabase"
PMS_BACKUP = "pms:data:BackupVault"
PMS_AUDIT_TRAIL = "pms:audit:AuditTrail"
PMS_MONITORING = "pms:audit:Monitoring"
PMS_GUARDRAILS = "pms:security:AccountGuardrails"
PMS_EDGE = "pms:edge:Edge"
PMS_SEALED_TEST = "pms:isolation:SealedTestEnvironment"

# Integrations the AWS service contract rules judge
EVENT_RULE = "aws:cloudwatch/eventRule:EventRule"
EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget"
AUTOSCALING_GROUP = "aws:autoscaling/group:Group"

# Services a PMS team adds next to the baseline (the AWS Config HIPAA rows of scope "other")
EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem"
BEANSTALK_ENVIRONMENT = "aws:elasticbeanstalk/environment:Environment"
ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster"
ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup"
ELASTICSEARCH_DOMAIN = "aws:elasticsearch/domain:Domain"
OPENSEARCH_DOMAIN = "aws:opensearch/domain:Domain"
CLASSIC_LOAD_BALANCER = "aws:elb/loadBalancer:LoadBalancer"
CLASSIC_LB_POLICY = "aws:elb/loadBalancerPolicy:LoadBalancerPolicy"
CLASSIC_LB_LISTENER_POLICY = "aws:elb/listenerPolicy:ListenerPolicy"
EMR_CLUSTER = "aws:emr/cluster:Cluster"
EMR_SECURITY_CONFIGURATION = "aws:emr/securityConfiguration:SecurityConfiguration"
KINESIS_STREAM = "aws:kinesis/stream:Stream"
LAMBDA_PERMISSION = "aws:lambda/permission:Permission"
REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster"
REDSHIFT_LOGGING = "aws:redshift/logging:Logging"
REDSHIFT_PARAMETER_GROUP = "aws:redshift/parameterGroup:ParameterGroup"
SAGEMAKER_ENDPOINT_CONFIGURATION = "aws:sagemaker/endpointConfiguration:EndpointConfiguration"
SAGEMAKER_NOTEBOOK_INSTANCE = "aws:sagemaker/notebookInstance:NotebookInstance"
SSM_DOCUMENT = "aws:ssm/document:Document"
APIGATEWAY_STAGE = "aws:apigateway/stage:Stage"
APIGATEWAY_METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings"
RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance"
LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration"
AUTOSCALING_ATTACHMENT = "aws:autoscaling/attachment:Attachment"
AUTOSCALING_TRAFFIC_SOURCE_ATTACHMENT = "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment"
CODEBUILD_PROJECT = "aws:codebuild/project:Project"
DMS_REPLICATION_INSTANCE = "aws:dms/replicationInstance:ReplicationInstance"
DYNAMODB_TABLE = "aws:dynamodb/table:Table"
APPAUTOSCALING_TARGET = "aws:appautoscaling/target:Target"
EFS_BACKUP_POLICY = "aws:efs/backupPolicy:BackupPolicy"
ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition"
EBS_SNAPSHOT = "aws:ebs/snapshot:Snapshot"
