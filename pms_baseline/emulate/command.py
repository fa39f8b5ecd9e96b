"""``pms-baseline emulate``: start a local moto server, realize a stack's resources in it, serve until stopped."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pms_baseline.emulate.runner import DEFAULT_REGION, realize


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
    from pms_baseline.io import check_output, write_outputs
    from pms_baseline.loader import load_target

    output = check_output(args.out) if args.out else None  # before any work: a bad path costs nothing
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
        # Nor should the account hold moto's catalogue of public AMIs and their 1,301 snapshots a region, owned
        # by the emulated account, which no real account has (verify would read each snapshot's sharing).
        os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
        try:
            server.start()
        except OSError as exc:
            raise InputError(f"cannot start moto on 127.0.0.1:{args.port}: {exc.strerror or exc}") from None
        endpoint = f"http://127.0.0.1:{args.port}"
    session = _local_session(args.region)
    from botocore.exceptions import ConnectTimeoutError, EndpointConnectionError, ReadTimeoutError

    try:
        result = realize(doc, session=session, region=args.region, endpoint_url=endpoint)
    except (EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError) as exc:
        raise InputError(f"emulate: cannot reach the endpoint {endpoint} ({type(exc).__name__}); is it running?"
                         ) from None
    if output:
        write_outputs([(output, json.dumps(result.document, indent=2) + "\n")])
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
    # A resource AWS would refuse (a service contract broken) fails the run, as it would fail `pulumi up`.
    return 1 if result.refused else 0


def _local_session(region: str) -> Any:
    """Credentials for the local endpoint: moto accepts any, so fake ones never reach a real account."""
    import boto3

    return boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region)
