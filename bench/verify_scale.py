"""Measure verify: API calls and wall time on the emulated prod stack, and on an emulated account with
1,000 buckets and 200 security groups. Prints its figures:
``.venv/bin/python bench/verify_scale.py [--server]`` (``--server`` also measures through moto's HTTP server).

The prod stack is previewed from ``stacks/Pulumi.prod.yaml``. Everything runs in process under
``moto.mock_aws()`` with fake credentials, so the times measure verify plus moto, not AWS latency.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _key, _value in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "MOTO_IAM_LOAD_MANAGED_POLICIES": "true",  # the stack's roles attach AWS managed policies
    "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",  # moto's public AMIs bring 1,301 snapshots a region no account has
}.items():
    os.environ[_key] = _value
os.environ.pop("AWS_PROFILE", None)

import boto3  # noqa: E402
import moto  # noqa: E402

from pms_baseline.emulate import realize  # noqa: E402
from pms_baseline.live.runner import verify  # noqa: E402
from pms_baseline.state import parse_document  # noqa: E402

REGION = "us-east-1"
BUCKETS = 1000
SECURITY_GROUPS = 200


def prod_document() -> dict:
    from pms_baseline.preview import preview

    return preview(ROOT, "prod").document


def add_scale(session, buckets: int, security_groups: int, endpoint: str | None = None) -> None:
    """Add ``buckets`` buckets and ``security_groups`` security groups (in a new VPC) to the account."""
    s3 = session.client("s3", region_name=REGION, endpoint_url=endpoint)
    ec2 = session.client("ec2", region_name=REGION, endpoint_url=endpoint)
    for i in range(buckets):
        s3.create_bucket(Bucket=f"scale-bucket-{i:05d}")
    vpc = ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]["VpcId"]
    for i in range(security_groups):
        ec2.create_security_group(GroupName=f"scale-sg-{i:04d}", Description="scale", VpcId=vpc)


def run(label: str, **kwargs) -> None:
    result = verify(regions=[REGION], **kwargs)
    mandatory = len(result.mandatory)
    print(
        f"{label}: {result.api_calls} API calls, {result.seconds:.2f} s wall, {result.resources} resources "
        f"described, {len(result.findings)} findings ({mandatory} mandatory)"
    )


def measure(doc: dict, endpoint: str | None = None) -> None:
    """Realize ``doc``, verify it, add the scale resources, verify again (8 workers, then 1)."""
    session = boto3.Session(region_name=REGION)
    started = time.monotonic()
    realized = realize(doc, session=session, region=REGION, endpoint_url=endpoint)
    print(
        f"emulated: {sum(realized.created.values())} resources in {time.monotonic() - started:.2f} s, "
        f"{len(realized.skipped)} not emulated"
    )
    state = parse_document(realized.document)
    run("verify prod stack", session=session, endpoint_url=endpoint, state=state)
    started = time.monotonic()
    add_scale(session, BUCKETS, SECURITY_GROUPS, endpoint)
    print(
        f"added {BUCKETS} buckets and {SECURITY_GROUPS} security groups in {time.monotonic() - started:.2f} s"
    )
    label = f"verify prod stack + {BUCKETS} buckets + {SECURITY_GROUPS} security groups"
    run(f"{label}, 8 workers", session=session, endpoint_url=endpoint, state=state)
    run(f"{label}, 1 worker", session=session, endpoint_url=endpoint, state=state, max_workers=1)


def main() -> None:
    doc = prod_document()
    print(f"source: prod stack (stacks/Pulumi.prod.yaml); region {REGION}, {os.cpu_count()} CPUs")
    print("-- moto in process (mock_aws)")
    with moto.mock_aws():
        measure(doc)
    if "--server" in sys.argv:
        import logging

        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        print(f"-- moto server on http://{host}:{port} (HTTP round trips, as the CLI runs)")
        try:
            measure(doc, endpoint=f"http://{host}:{port}")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
