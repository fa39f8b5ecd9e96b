"""Whole processes side by side: checkov alone against the gate on the same plan, as a user runs each.

Each command is a fresh process started from the shell's point of view (interpreter start, imports, reading,
work, exit), timed from start to exit; its peak memory is the largest resident set of the process and its
descendants (``wait4``'s ``ru_maxrss``; the gate's checkov workers are its descendants). The commands of one
comparison run interleaved, ``repeat`` rounds, and each figure is the median of its rounds, so a machine whose
load drifts slows every command alike. Each command runs once first, not counted (bytecode compiled, files
read into the page cache).

checkov alone is ``checkov -f plan.json --framework terraform_plan`` on the plan the gate converts the state
to, with the same offline settings the gate gives it (no platform, no downloads).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGETS = {("gate --state", "prod"): 0.4, ("gate --stack", "prod"): 1.0, ("gate --state", "10000"): 0.2}
"""The ratios to checkov alone the gate must stay within (issue 20)."""


def _checkov() -> list[str]:
    script = Path(sys.executable).with_name("checkov")
    return [str(script)] if script.exists() else [sys.executable, "-m", "checkov.main"]


def commands(work: Path, target: str) -> dict[str, list[str]]:
    """The commands compared on ``target`` (a size, or ``prod``)."""
    gate = [sys.executable, "-m", "pms_baseline", "gate", "--quiet", "--format", "json"]
    out = {
        "checkov alone": [*_checkov(), "-f", str(work / f"plan-{target}.json"), "--framework", "terraform_plan",
                          "--quiet", "--compact", "-o", "json"],
        "gate --state": [*gate, "--state", str(work / f"state-{target}.json")],
        "gate --state --no-checkov": [*gate, "--state", str(work / f"state-{target}.json"), "--no-checkov"],
    }
    if target == "prod":
        out["gate --stack"] = [*gate, "--stack", "prod"]
    return out


def run_once(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system, the process and its descendants) and peak MiB of one run of
    ``cmd`` (exit 0 or 1: findings are not failures here)."""
    from pms_baseline.checkov_bridge import OFFLINE_ENV

    # Bytecode as an installed package has it (pip compiles on install): a PYTHONDONTWRITEBYTECODE left in the
    # environment would make every run compile the tool's 250 modules again (0.6 s).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | OFFLINE_ENV
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} exited {proc.returncode}:\n{err.decode()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compare(work: Path, target: str, repeat: int, cwd: Path) -> dict[str, dict[str, float]]:
    """Median wall and CPU seconds and peak MiB of every command on ``target``."""
    cmds = commands(work, target)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    cpu: dict[str, list[float]] = {name: [] for name in cmds}
    peaks: dict[str, float] = dict.fromkeys(cmds, 0.0)
    for cmd in cmds.values():  # one run each, not counted: bytecode written, files in the page cache
        run_once(cmd, cwd)
    for _ in range(repeat):
        for name, cmd in cmds.items():
            seconds, used, peak = run_once(cmd, cwd)
            times[name].append(seconds)
            cpu[name].append(used)
            peaks[name] = max(peaks[name], peak)
    return {name: {"seconds": statistics.median(times[name]), "cpu": statistics.median(cpu[name]),
                   "peak_mib": peaks[name], "runs": len(times[name])} for name in cmds}


def report(results: dict[str, dict[str, dict[str, float]]], repeat: int) -> list[str]:
    """The side-by-side table and the ratios to checkov alone, with the targets."""
    lines = [f"whole processes side by side (median of {repeat}, interleaved; peak = largest process; CPU = user"
             " and system of the process and its workers)",
             f"{'command':<27} {'target':>7} {'seconds':>8} {'peak MiB':>9} {'x checkov':>10} {'CPU s':>7} "
             f"{'x checkov':>10}"]
    for target, rows in results.items():
        alone, alone_cpu = rows["checkov alone"]["seconds"], rows["checkov alone"]["cpu"]
        for name, r in rows.items():
            ratio = r["seconds"] / alone
            goal = TARGETS.get((name, target))
            verdict = f"  target <= {goal}: {'met' if ratio <= goal else 'MISSED'}" if goal else ""
            lines.append(f"{name:<27} {target:>7} {r['seconds']:>8.2f} {r['peak_mib']:>9.0f} {ratio:>9.3f}x "
                         f"{r['cpu']:>7.2f} {r['cpu'] / alone_cpu:>9.3f}x{verdict}")
    return lines
