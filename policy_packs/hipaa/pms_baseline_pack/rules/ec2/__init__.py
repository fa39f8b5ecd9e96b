"""Rules for Amazon VPC networking (VPCs, subnets, security groups, routes, flow logs) and EBS volumes."""
