"""The pms-baseline command line. Every command turns bad input into one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

from pms_baseline import __version__
from pms_baseline.errors import InputError

EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141
"""What a shell reports for a process ended by SIGPIPE: the reader of its output went away."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other input error
        raise InputError(f"{self.prog}: {message}")


def _program_dir(value: str | None) -> Path | None:
    return Path(value) if value else None


def _silence_stdout() -> None:
    """After the reader of a pipe went away (``| head``): send the rest of standard output nowhere, so the
    command ends with its own exit code instead of a BrokenPipeError traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def cmd_preview(args: argparse.Namespace) -> int:
    from pms_baseline.io import check_output, write_outputs
    from pms_baseline.preview import preview

    output = check_output(args.out) if args.out else None
    result = preview(_program_dir(args.program), args.stack)
    resources = result.document["deployment"]["resources"]
    if output:
        write_outputs([(output, json.dumps(result.document, indent=2) + "\n")])
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


def cmd_gate(args: argparse.Namespace) -> int:
    if not args.no_checkov:
        from pms_baseline.checkov_bridge import warm_up

        # First, so checkov imports in a process of its own while this one imports, reads and previews.
        warm_up()
    import time

    from pms_baseline.gate import read_config
    from pms_baseline.io import STDOUT, check_outputs, write_outputs
    from pms_baseline.progress import Progress
    from pms_baseline.rollout import select, soften
    from pms_baseline.state import secret_texts, sweep
    from pms_baseline.writers import STEP_SUMMARY_LIMIT, render

    started = time.perf_counter()
    # Every output is checked before any work, so a bad --report path costs nothing and writes nothing.
    specs = [(args.format, args.output or STDOUT), *args.report]
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY") or None
    outputs = check_outputs((path for _, path in specs), append_to=summary_file)
    config = read_config(args.config)
    from pms_baseline.exceptions import load_exceptions

    first = (args.state or [None])[0], (args.program or [None])[0]
    exceptions = load_exceptions(args.exceptions, *first)  # checked before any work
    progress = Progress(enabled=not args.quiet)
    from pms_baseline.roles import load_targets, run

    with progress.stage(f"previewing stack {', '.join(args.stack)}" if args.stack else "reading the state"):
        targets = load_targets("gate", args.state or [], args.stack or [], args.program or [])
    stages = "the HIPAA pack" + ("" if args.no_checkov else " and checkov")
    count = sum(len(t.document.resources) for t in targets)
    with progress.stage(f"judging {count:,} resources with {stages}"):
        # Each target in its role; several states are judged as one account (roles.py).
        report = run(targets, args.stack_role, config, checkov=not args.no_checkov, engine=args.engine,
                     exceptions=exceptions)
    if not args.quiet:
        from pms_baseline.escape import terminal

        for w in report.target["exceptions"]["unused"]:
            print(f"pms-baseline: warning: {terminal(w['source'])}: the waiver of {terminal(w['rule'])} on "
                  f"{terminal(w['resource'] or '*')} matches no finding", file=sys.stderr)
    from pms_baseline.locate import place_report, sources_for

    # Every finding on the program line that declared its resource, for code scanning and the reader.
    for loaded in targets:
        report = place_report(report, loaded.document, sources_for(loaded.project_root, loaded.program_dir),
                              loaded.declared)
    report.timings["total_seconds"] = time.perf_counter() - started
    report = select(soften(report, config), args.check, args.skip_check)
    verdict = 0 if report.passed or args.soft_fail else 1
    try:
        # Marking keeps every secret out of the findings; sweeping the rendered text for the state's secret
        # strings is the second line of defence.
        secrets = set().union(*(secret_texts(t.document) for t in targets))
        write_outputs([(out, sweep(render(report, fmt, STEP_SUMMARY_LIMIT if out.append else None, quiet=args.quiet,
                                          compact=args.compact), secrets))
                       for (fmt, _), out in zip(specs, outputs, strict=True)])
    except BrokenPipeError:
        _silence_stdout()
    s = report.summary()
    for out in outputs:
        if out.path != STDOUT and not args.quiet:
            waived = f", {s['waived']} waived" if s["waived"] else ""
            print(f"wrote {out.path}: {s['mandatory']} mandatory, {s['advisory']} advisory findings{waived}",
                  file=sys.stderr)
    return verdict


def _report_spec(value: str) -> tuple[str, str]:
    from pms_baseline.writers import FORMATS

    fmt, sep, path = value.partition(":")
    if not sep or fmt not in FORMATS or not path:
        raise argparse.ArgumentTypeError(f"expected FORMAT:FILE with FORMAT one of {', '.join(FORMATS)}")
    return fmt, path


def cmd_rules(args: argparse.Namespace) -> int:
    from pms_baseline.coverage import checks

    found = checks()
    if args.format == "json":
        print(json.dumps([c.to_json() for c in found], indent=2))
        return 0
    width = max(len(c.id) for c in found)
    for c in found:
        print(f"{c.id.ljust(width)}  {c.severity:<8} {c.kind:<10} {c.applies_to:<8} {', '.join(c.citations)}")
    live = sum(1 for c in found if c.kind == "live")
    print(f"{len(found)} checks: {len(found) - live} pre-deploy rules, {live} live checks")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    from pms_baseline.coverage import coverage_json, format_coverage, format_markdown

    if args.format == "json":
        print(json.dumps(coverage_json(), indent=2))
    elif args.format == "markdown":
        print(format_markdown())
    else:
        print(format_coverage())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pms-baseline", description=__doc__)
    parser.add_argument("--version", action="version", version=f"pms-baseline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("preview", help="run a Pulumi program under mocks and write its state document")
    p.add_argument("--stack", required=True, help="stack name (stacks/Pulumi.<stack>.yaml)")
    p.add_argument("--program", help="project or program directory (default: this project)")
    p.add_argument("--output", "--out", dest="out", help="write the state document here (default: print a summary)")
    p.set_defaults(func=cmd_preview)

    from pms_baseline.gate import ENGINES
    from pms_baseline.writers import FORMATS

    p = sub.add_parser("gate", help="judge a program's preview or a state file with the HIPAA pack and checkov",
                       description="Judge a program's offline preview (--stack), or state files (--state: a "
                                   "`pulumi stack export`, a checkpoint, `pulumi preview --json`), with the HIPAA "
                                   "pack and checkov's AWS checks.",
                       epilog="exit codes: 0 no mandatory finding (or --soft-fail), 1 a mandatory finding, 2 bad "
                              "input (a malformed state, an unknown stack, an expired waiver, a config past a "
                              "floor): one line on stderr and nothing written")
    p.add_argument("--stack", action="append", help="stack to preview (stacks/Pulumi.<stack>.yaml); repeatable")
    p.add_argument("--program", action="append",
                   help="project or program directory (default: this project); once, or once per --stack")
    p.add_argument("--state", action="append",
                   help="a state file instead of a preview (export, checkpoint, preview --json; - = stdin); several "
                        "--state and --stack are judged as one account: each on its own resources, the account "
                        "rules over all of them")
    p.add_argument("--stack-role", action="append", default=[], metavar="ROLE",
                   help="account-baseline, workload or standalone, overriding the role the stack declares "
                        "(pms-baseline:stackRole in its config, its outputs or its tags; default standalone); "
                        "STACK=ROLE with several states. A workload stack's account rules are not applicable")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="table (people, grouped by HIPAA citation), json (status failed or waived per finding), "
                        "sarif (code scanning, each result on the program line that declared the resource), junit "
                        "(test tabs; waived and disabled rules skipped), markdown (a pull-request comment or job "
                        "summary, within GitHub's limits)")
    p.add_argument("--output", help="write the report here instead of standard output")
    p.add_argument("--report", action="append", type=_report_spec, default=[], metavar="FORMAT:FILE",
                   help="also write the same report in FORMAT to FILE (repeatable), e.g. sarif:gate.sarif; "
                        "Markdown stays within a pull-request comment's 65,536 bytes, and is appended within "
                        "the 1 MiB job-summary limit when FILE is $GITHUB_STEP_SUMMARY")
    p.add_argument("--config", help="policy config JSON (as `pulumi preview --policy-pack-config` takes)")
    p.add_argument("--no-checkov", action="store_true", help="skip the checkov scan")
    p.add_argument("--exceptions", metavar="FILE",
                   help="waivers (rule, resource, reason, owner, expires) in YAML; replaces the search for "
                        ".pms-baseline.yaml from the program's or state file's folder up to the repository root; "
                        "a waived finding is reported as waived and never blocks; an expired, reasonless or "
                        "ownerless waiver or an unknown rule is an error (exit 2)")
    p.add_argument("--soft-fail", action="store_true",
                   help="exit 0 whatever is found, reporting everything (as checkov's --soft-fail); "
                        "'{\"all\": \"advisory\"}' in --config does the same through the findings' enforcement")
    p.add_argument("--check", action="append", default=[], metavar="SELECTOR",
                   help="keep only findings of these rule ids, checkov ids, severities or HIPAA citations "
                        "(comma-separated, repeatable; 164.312 selects 164.312(b))")
    p.add_argument("--skip-check", action="append", default=[], metavar="SELECTOR",
                   help="drop findings of these rule ids, checkov ids, severities or HIPAA citations")
    p.add_argument("--quiet", action="store_true",
                   help="the table shows mandatory findings only, and nothing else goes to stderr")
    p.add_argument("--compact", action="store_true", help="the table shows one line a finding, no message")
    p.add_argument("--engine", choices=ENGINES, default="direct",
                   help="direct: call the rules in process (default); analyzer: drive the pack through the "
                        "policy SDK's Analyzer servicer, as the Pulumi engine does")
    p.set_defaults(func=cmd_gate)

    p = sub.add_parser("rules", help="list every check, pre-deploy rules of the HIPAA pack and live checks, "
                                     "with its metadata")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="json: every check with its kind (pre-deploy or live), scope, citations and AWS Config names")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("coverage", help="which checks implement each row of the AWS Config HIPAA conformance pack")
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table",
                   help="table for a terminal, json for machines (every row with its checks and the figures), "
                        "markdown as the README carries it")
    p.set_defaults(func=cmd_coverage)

    from pms_baseline.emulate import add_emulate_parser
    from pms_baseline.evidence import add_evidence_parser
    from pms_baseline.live.command import add_verify_parser
    from pms_baseline.tfplan import add_convert_parser

    add_convert_parser(sub)
    add_verify_parser(sub)
    add_emulate_parser(sub)
    add_evidence_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except InputError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("pms-baseline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except RecursionError:
        return _fail("the input is nested too deeply to read")
    except MemoryError:
        return _fail("the input is too large to read in the memory available")
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return _fail(f"{where}{exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - never a traceback: a bug is reported in one line, not as a verdict
        return _fail(f"unexpected error ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
                     "this is a bug in pms-baseline, not a finding")


def _fail(message: str) -> int:
    from pms_baseline.escape import terminal

    print(f"pms-baseline: error: {terminal(message)}", file=sys.stderr)
    return EXIT_USAGE


def run() -> None:
    """The console entry point: ``main``, then, once every output is flushed, exit without the interpreter's
    teardown of the objects a run leaves behind (seconds for a large state; nothing is left to write)."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(ValueError, OSError):  # a closed pipe or stream: nothing more can be written
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
