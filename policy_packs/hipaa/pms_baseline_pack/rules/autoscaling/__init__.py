"""Rules for EC2 Auto Scaling groups and what they launch instances from."""
