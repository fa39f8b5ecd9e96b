"""Rules for Amazon GuardDuty."""
