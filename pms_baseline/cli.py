"""The pms-baseline command line. Every command turns bad input into one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from pms_baseline import __version__
from pms_baseline.errors import InputError

REPO_ROOT = Path(__file__).resolve().parent.parent
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other input error
        raise InputError(f"{self.prog}: {message}")


def _program_dir(value: str | None) -> Path:
    return Path(value) if value else REPO_ROOT


def cmd_preview(args: argparse.Namespace) -> int:
    from pms_baseline.io import write_atomic
    from pms_baseline.preview import preview

    result = preview(_program_dir(args.program), args.stack)
    resources = result.document["deployment"]["resources"]
    if args.out:
        write_atomic(args.out, json.dumps(result.document, indent=2) + "\n")
        print(f"wrote {args.out}: {len(resources)} resources of stack '{args.stack}' "
              f"in {result.seconds:.2f}s", file=sys.stderr)
        return 0
    counts = Counter(r["type"] for r in resources)
    width = max(len(k) for k in counts) if counts else 10
    print(f"Preview of stack '{args.stack}' (project {result.project.name}, program {result.project.program})")
    print(f"{'resource type'.ljust(width)}  count")
    for kind, n in sorted(counts.items()):
        print(f"{kind.ljust(width)}  {n:5d}")
    print(f"{'total'.ljust(width)}  {len(resources):5d}   ({result.seconds:.2f}s, no credentials used)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pms-baseline", description=__doc__)
    parser.add_argument("--version", action="version", version=f"pms-baseline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("preview", help="run a Pulumi program under mocks and write its state document")
    p.add_argument("--stack", required=True, help="stack name (stacks/Pulumi.<stack>.yaml)")
    p.add_argument("--program", help="project or program directory (default: this project)")
    p.add_argument("--out", help="write the state document here (default: print a summary)")
    p.set_defaults(func=cmd_preview)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except InputError as exc:
        print(f"pms-baseline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("pms-baseline: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
