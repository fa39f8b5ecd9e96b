"""``pms-baseline verify``: read-only checks of a live account; exit 0 clean, 1 mandatory "
"findings, 2 input error."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pms_baseline.errors import InputError
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
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument("--output", help="write the report here instead of standard output")
    p.add_argument(
        "--max-workers", type=int, default=8, help="concurrent service/region collectors (default 8)"
    )
    p.set_defaults(func=verify_main)
    return p


def render(result: Any, fmt: str) -> str:
    """The report in ``fmt``, written by the same writers as the gate's."""
    from pms_baseline import writers

    return writers.render(result.report(), fmt)


def verify_main(args: argparse.Namespace) -> int:
    from pms_baseline.io import write_atomic
    from pms_baseline.live.runner import make_session, verify

    if args.max_workers < 1:
        raise InputError("verify: --max-workers must be at least 1")
    state = None
    if args.state:
        from pms_baseline.loader import load_state

        state = load_state(args.state)
    result = verify(
        session=make_session(args.profile),
        regions=args.region,
        endpoint_url=args.endpoint_url,
        state=state,
        max_workers=args.max_workers,
    )
    text = render(result, args.format)
    if args.output:
        write_atomic(args.output, text)
        print(
            f"wrote {args.output}: {len(result.findings)} findings ({len(result.mandatory)} mandatory) in "
            f"{result.seconds:.2f}s, {result.api_calls} API calls",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 1 if result.mandatory else 0
