"""``pms-baseline verify``: read-only checks of a live account; exit 0 clean, 1 mandatory "
"findings, 2 input error."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pms_baseline.errors import InputError
from pms_baseline.live.limits import CONNECT_TIMEOUT_CAP, CallLimits
from pms_baseline.writers import FORMATS


def add_verify_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "verify", help="check a live AWS account (read-only) for drift from the baseline"
    )
    p.add_argument(
        "--region",
        action="append",
        default=[],
        help="region to check (repeatable; default: the profile's region)",
    )
    p.add_argument("--endpoint-url", help="AWS endpoint to call instead of AWS (e.g. a moto server)")
    p.add_argument("--profile", help="AWS profile to use")
    p.add_argument(
        "--state",
        help="a state document (`pulumi stack export`): also report missing resources "
        "and settings that differ from it",
    )
    p.add_argument(
        "--environment",
        help="prod, staging or test: apply that environment's floors (e.g. 35 days of database backups in prod); "
        "default: the environment --state binds (its stack name, or a stricter environment tag), else the pack's "
        "defaults. May be stricter than the state's, never looser",
    )
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument("--output", help="write the report here instead of standard output")
    p.add_argument(
        "--max-workers", type=int, default=8, help="concurrent service/region collectors (default 8)"
    )
    limits = CallLimits()
    p.add_argument(
        "--call-timeout",
        type=float,
        default=limits.call_timeout,
        metavar="SECONDS",
        help=f"each HTTP attempt's read timeout, and its connect timeout up to {CONNECT_TIMEOUT_CAP:g} s "
        f"(default {limits.call_timeout:g})",
    )
    p.add_argument(
        "--max-attempts",
        type=int,
        default=limits.max_attempts,
        help=f"HTTP attempts per API call, retries of throttling, 5xx and timeouts included "
        f"(default {limits.max_attempts}; worst case per call {limits.worst_call_seconds:g} s)",
    )
    p.add_argument(
        "--run-timeout",
        type=float,
        default=limits.run_timeout,
        metavar="SECONDS",
        help=f"start no API call after this many seconds; the rest become findings (default {limits.run_timeout:g})",
    )
    p.set_defaults(func=verify_main)
    return p


def render(result: Any, fmt: str) -> str:
    """The report in ``fmt``, written by the same writers as the gate's."""
    from pms_baseline import writers

    return writers.render(result.report(), fmt)


def verify_main(args: argparse.Namespace) -> int:
    from pms_baseline.io import check_output, write_outputs
    from pms_baseline.live.runner import make_session, verify

    if args.max_workers < 1:
        raise InputError("verify: --max-workers must be at least 1")
    if args.max_attempts < 1:
        raise InputError("verify: --max-attempts must be at least 1")
    for flag, value in (("--call-timeout", args.call_timeout), ("--run-timeout", args.run_timeout)):
        if not value > 0 or value == float("inf"):
            raise InputError(f"verify: {flag} must be a positive number of seconds")
    output = check_output(args.output) if args.output else None  # before any work: a bad path costs nothing
    state = digest = None
    if args.state:
        from pms_baseline.loader import load_bytes, read_input, state_sha256

        data, name = read_input(args.state)
        state, digest = load_bytes(data, name), state_sha256(data)
    result = verify(
        session=make_session(args.profile),
        regions=args.region,
        endpoint_url=args.endpoint_url,
        state=state,
        max_workers=args.max_workers,
        limits=CallLimits(args.call_timeout, args.max_attempts, args.run_timeout),
        state_sha256=digest,
        environment=args.environment,
    )
    text = render(result, args.format)
    if output:
        write_outputs([(output, text)])
        print(
            f"wrote {args.output}: {len(result.findings)} findings ({len(result.mandatory)} mandatory) in "
            f"{result.seconds:.2f}s, {result.api_calls} API calls",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 1 if result.mandatory else 0
