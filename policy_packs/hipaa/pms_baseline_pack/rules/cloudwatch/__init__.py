"""Rules for Amazon CloudWatch: the CIS metric filters and alarms on the trail's log group."""
