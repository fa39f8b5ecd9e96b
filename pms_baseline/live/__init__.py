"""Live verification: read-only boto3 checks of a deployed account, tied to the catalogue's rules.

``verify()`` (in ``runner``) collects each service's resources per region concurrently, judges them with one
function per check (``registry.CHECKS``), and, given a state document, reports what is missing or changed.
The IAM policy it needs is ``verify-readonly-policy.json`` in this package.
"""
