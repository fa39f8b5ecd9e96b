"""checkov on a Pulumi stack: convert the state document to a Terraform plan and scan it in process, offline.

The scan uses checkov's library API (``checkov.terraform.plan_runner.Runner``) on the plan document in memory,
its batches in parallel processes (``pms_baseline.checkov_scan``). It never touches the network: the
Bridgecrew/Prisma platform is not configured (no API key), guideline mapping downloads are off
(``BC_SKIP_MAPPING``), and the runner filter downloads no modules. Results become findings with
``source: "checkov"``; what each check means for the gate (mandatory or advisory, HIPAA citations, skips with
their reasons) is decided in ``pms_baseline.checkov_policy``.

checkov 3.1.47 never reads a plan's ``after_unknown`` (its plan parser builds each resource from ``values`` and
the configuration's references): an attribute the plan leaves out of ``values`` is unset to it, or, when the
configuration holds a reference, set to the reference's text. Neither may decide a check on a value the state
does not know. So a check that read an attribute ``Plan.unknown`` lists (by checkov's ``evaluated_keys``, or,
for a check that reports none, by the keys it read of the resource's configuration; a graph check also reads
the resources connected to its own) neither passes nor fails: its result is ``unknown``, reported as an
advisory finding "unknown at preview: <attributes>; ..." that names them.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pms_baseline import checkov_policy, checkov_scan
from pms_baseline.checkov_scan import OFFLINE_ENV, go_offline  # noqa: F401  (public names callers import from here)
from pms_baseline.state import StateDocument
from pms_baseline.tfplan import Plan, convert

CHECK_ID = re.compile(r"^CKV2?_AWS_\d+$")


@dataclass(frozen=True)
class CheckResult:
    """One check on one plan resource, as checkov judged it (after our skips)."""

    check_id: str
    check_name: str
    address: str
    result: str
    """passed, failed, skipped, or unknown (it read a value the state does not know)."""
    evaluated_keys: tuple[str, ...] = ()
    guideline: str = ""
    skip_reason: str = ""
    unknown: tuple[str, ...] = ()
    """The attributes with values the state does not know that the check read, as messages name them."""


@dataclass
class CheckovRun:
    """A scan's findings (failed checks), every check result, and its wall time."""

    findings: list[Any]
    results: list[CheckResult]
    seconds: float
    plan: Plan
    offline_env: dict[str, str] = field(default_factory=dict)

    def count(self, result: str) -> int:
        return sum(1 for r in self.results if r.result == result)

    @property
    def passed(self) -> int:
        return self.count("passed")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def unknown(self) -> int:
        return self.count("unknown")

    @property
    def checks_run(self) -> int:
        return len(self.results)

    def summary(self) -> str:
        unknown = f", {self.unknown} unknown at preview" if self.unknown else ""
        return (
            f"checkov: {self.checks_run} checks on {len(self.plan.resources)} resources, "
            f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped{unknown} ({self.seconds:.2f}s)"
        )


def _lookup(values: dict[str, Any], key: str) -> Any:
    """The plan value at a checkov evaluated key (``rule/[0]/apply_server_side_encryption_by_default``)."""
    node: Any = values
    for part in key.split("/"):
        if part in ("*", ""):
            return None
        index = re.fullmatch(r"\[(\d+)\]", part)
        if index is not None:
            i = int(index.group(1))
            if not isinstance(node, list) or i >= len(node):
                return None
            node = node[i]
        else:
            if isinstance(node, list) and len(node) == 1:  # a block, keyed without its index
                node = node[0]
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
    return node


def _describe(value: Any) -> str:
    if value is None:
        return "unset"
    return json.dumps(value) if not isinstance(value, str) else value


def _named(key: str) -> str:
    """A Terraform attribute with its Pulumi property name: ``storage_encrypted (storageEncrypted)``."""
    if "/" in key or "_" not in key:
        return key
    head, *rest = key.split("_")
    return f"{key} ({head}{''.join(p.title() for p in rest)})"


def _message(result: CheckResult, values: dict[str, Any]) -> str:
    # checkov's graph checks list their evaluated keys in an order that differs between processes: sorted, the
    # same problem reads the same on every run (and its SARIF fingerprint stays the same).
    keys = sorted(dict.fromkeys(k for k in result.evaluated_keys if k != "resource_type"))
    if not keys:
        return f"{result.check_name} ({result.check_id})"
    shown = "; ".join(f"{_named(k)} is {_describe(_lookup(values, k))}" for k in keys[:3])
    return f"{result.check_name} ({result.check_id}): {shown}"


def _unknown_message(result: CheckResult) -> str:
    from pms_baseline_pack.rules.unknowns import UNKNOWN_AT_PREVIEW

    it = "it" if len(result.unknown) == 1 else "them"
    return (f"{UNKNOWN_AT_PREVIEW}{', '.join(result.unknown)}; known only after deploy, so "
            f"{result.check_name} ({result.check_id}) neither passes nor fails on {it} here (gate the stack's "
            "export after `pulumi up`)")


def _to_finding(result: CheckResult, plan: Plan, values: dict[str, Any]) -> Any:
    from pms_baseline.findings import Finding

    policy = checkov_policy.policy_for(result.check_id)
    resource = plan.resources.get(result.address)
    unknown = result.result == "unknown"
    return Finding(
        rule=result.check_id,
        source="checkov",
        severity=policy.severity,
        enforcement="mandatory" if policy.mandatory and not unknown else "advisory",
        citations=list(policy.citations),
        aws_config_rules=list(policy.aws_config_rules),
        checkov_ids=[result.check_id],
        resource={
            "urn": resource.urn if resource else "",
            "type": resource.type if resource else result.address.split(".")[0],
            "name": resource.name if resource else result.address,
            "id": resource.id if resource else "",
        },
        message=_unknown_message(result) if unknown else _message(result, values),
        remediation=result.guideline or f"{result.check_name} (checkov {result.check_id})",
        title=result.check_name,
    )


BATCH_RESOURCES = 1000
"""Most plan resources checkov is given in one run. A plan is scanned in batches of whole connected groups:
resources that reference each other always share a batch, so every graph check sees exactly the neighbours it
would see in one run (a test compares the two), and the batches run in parallel, one worker per CPU. checkov
reading a plan file is quadratic in its resources (38 s for 10,000 against 3 s for 1,000); from the document in
memory it is linear (``checkov_scan``), so the bound is only what keeps a batch's graph small: 6.5 s of CPU for
10,000 resources in batches of 1,000, 7.6 s in batches of 250, 6.4 s in batches of 2,500."""

MIN_BATCH = 100
"""Fewest resources worth a batch of their own: below this, a worker's fixed cost outweighs the sharing."""


def batch_limit(resources: int, workers: int) -> int:
    """Batch size that gives every worker a share of the plan, within [MIN_BATCH, BATCH_RESOURCES]."""
    return max(MIN_BATCH, min(BATCH_RESOURCES, -(-resources // max(workers, 1))))


def _referenced(expressions: Any) -> set[str]:
    """Addresses (``type.name``) an expressions block refers to."""
    found: set[str] = set()
    stack = [expressions]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for ref in node.get("references") or ():
                if isinstance(ref, str):
                    found.add(".".join(ref.split(".")[:2]))
            stack.extend(v for k, v in node.items() if k != "references")
        elif isinstance(node, list):
            stack.extend(node)
    return found


def batches(document: dict[str, Any], limit: int = BATCH_RESOURCES) -> list[dict[str, Any]]:
    """The plan split into plans of at most ``limit`` resources (a larger connected group stays whole), each
    closed under references."""
    planned = document["planned_values"]["root_module"]["resources"]
    if len(planned) <= limit:
        return [document]
    parent = {r["address"]: r["address"] for r in planned}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    configured = document.get("configuration", {}).get("root_module", {}).get("resources", [])
    for c in configured:
        if c.get("address") not in parent:
            continue
        for target in _referenced(c.get("expressions")):
            if target in parent:
                parent[root(c["address"])] = root(target)
    groups: dict[str, list[str]] = {}
    for r in planned:
        groups.setdefault(root(r["address"]), []).append(r["address"])
    packed: list[set[str]] = []
    current: set[str] = set()
    for members in groups.values():
        if current and len(current) + len(members) > limit:
            packed.append(current)
            current = set()
        current |= set(members)
    if current:
        packed.append(current)

    # Each resource, change and configuration goes to its batch in one pass over the plan.
    batch_of = {address: i for i, members in enumerate(packed) for address in members}
    parts: list[dict[str, list[Any]]] = [{"planned": [], "changes": [], "configured": []} for _ in packed]
    for key, items in (("planned", planned), ("changes", document.get("resource_changes", [])),
                       ("configured", configured)):
        for item in items:
            i = batch_of.get(item.get("address"))
            if i is not None:
                parts[i][key].append(item)
    rest = {k: v for k, v in document.items() if k not in ("planned_values", "configuration", "resource_changes")}
    configuration = document.get("configuration", {})
    return [{**rest, "planned_values": {"root_module": {"resources": p["planned"]}}, "resource_changes": p["changes"],
             "configuration": {**configuration, "root_module": {**configuration.get("root_module", {}),
                                                                "resources": p["configured"]}}}
            for p in parts]


def _segments(key: str) -> list[str]:
    """An attribute path's names, without list indexes: ``rule/[0]/kms_master_key_id`` and
    ``rule[0].kms_master_key_id`` are both ``[rule, kms_master_key_id]``."""
    return [part for part in re.split(r"[/.]", re.sub(r"\[\d*\]", "", key)) if part]


def _rests_on(key: str, unknown: str) -> bool:
    """True when a check that read ``key`` read the unknown value at ``unknown`` (one path contains the other)."""
    a, b = _segments(key), _segments(unknown)
    n = min(len(a), len(b))
    return n > 0 and all(x == y or "*" in (x, y) for x, y in zip(a[:n], b[:n], strict=True))


def _unknown_read(keys: tuple[str, ...], read: set[str], unknown: list[tuple[str, str]]) -> tuple[str, ...]:
    """The unknown attributes (path, label) a check depended on: by its evaluated keys, else by the keys it
    read; their labels."""
    if not keys:
        keys = tuple(read)
    if "*" in keys:
        return tuple(label for _, label in unknown)
    return tuple(label for path, label in unknown if any(_rests_on(k, path) for k in keys))


def _unknown_in_reach(plan: Plan) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]]:
    """Per plan address, the unknown attributes (path, label) a resource check can read (its own) and those a
    graph check can read (its own and those of the resources it references or that reference it)."""
    own = {a: [(p, _named(p)) for p in paths] for a, paths in plan.unknown.items()}
    near: dict[str, set[str]] = {}
    for conf in plan.document.get("configuration", {}).get("root_module", {}).get("resources", []):
        for target in _referenced(conf.get("expressions")):
            near.setdefault(conf["address"], set()).add(target)
            near.setdefault(target, set()).add(conf["address"])
    graph: dict[str, list[tuple[str, str]]] = {}
    for address in set(own) | {n for a in own for n in near.get(a, ())}:
        found = list(own.get(address, []))
        for other in sorted(near.get(address, set()) & set(own)):
            name = plan.resources[other].name if other in plan.resources else other
            found += [(p, f"{label} of {name}") for p, label in own[other]]
        if found:
            graph[address] = found
    return own, graph


_warm: checkov_scan.Scanner | None = None


def warm_up() -> None:
    """Start importing checkov in a scanner process now, so the import runs while this process previews or
    reads the state; the next ``run_plan`` uses it. Call it before any thread starts (the scanner is forked)."""
    global _warm
    if _warm is not None:  # left by a run that ended before its scan: start afresh
        _warm.close()
        _warm = None
    if checkov_scan.cpus() > 1:
        _warm = checkov_scan.Scanner(checkov_scan.cpus())


def _submit(documents: list[dict[str, Any]], watched: frozenset[str], workers: int | None
            ) -> Callable[[], list[checkov_scan.BatchResult]]:
    """Start scanning the batches; the returned call gives each batch's results in order. In a scanner process
    (the warm one, or a new one when there are batches to share among cores) they run while this process goes
    on; else here, one batch after another, when the results are asked for."""
    global _warm
    scanner, _warm = _warm, None
    if workers is not None and workers <= 1:
        if scanner is not None:
            scanner.close()
        scanner = None
    elif scanner is None and len(documents) > 1 and (workers or checkov_scan.cpus()) > 1:
        scanner = checkov_scan.Scanner(workers or checkov_scan.cpus())
    if scanner is not None:
        scanner.submit(documents, watched)
        return scanner.collect

    def here() -> list[checkov_scan.BatchResult]:
        checkov_scan.import_checkov()
        return [checkov_scan.scan_batch(d, i, watched) for i, d in enumerate(documents)]

    return here


def _start(plan: Plan, limit: int | None, workers: int | None) -> Callable[[], list[CheckResult]]:
    share = workers or checkov_scan.cpus()
    limit = limit or batch_limit(len(plan.resources), share)
    pending = _submit(batches(plan.document, limit), frozenset(plan.unknown), workers)
    return lambda: _results(plan, pending())


def run_plan(plan: Plan, limit: int | None = None, workers: int | None = None) -> tuple[list[CheckResult], float]:
    """Scan a converted plan with checkov (in batches of at most ``limit`` resources, by default a share per
    worker; on ``workers`` processes, by default one per CPU, 1: in this process); return every AWS check
    result and the wall time."""
    started = time.perf_counter()
    results = _start(plan, limit, workers)()
    return results, time.perf_counter() - started


def _results(plan: Plan, outcomes: list[checkov_scan.BatchResult]) -> list[CheckResult]:
    """The batches' records as check results, with our skips and the unknowns they read, sorted."""
    records: list[checkov_scan.Record] = []
    reads: dict[tuple[str, str], list[str]] = {}
    for found, read in outcomes:
        records += found
        reads.update(read)
    own, graph = _unknown_in_reach(plan) if plan.unknown else ({}, {})
    results: list[CheckResult] = []
    for outcome, check_id, check_name, address, keys, guideline, resource_check in records:
        if not CHECK_ID.match(check_id):
            continue
        tf_type = address.split(".")[0]
        resource = plan.resources.get(address)
        name = resource.name if resource else address.split(".", 1)[-1]
        reason = checkov_policy.skip_reason(check_id, tf_type, name)
        reach = (own if resource_check else graph).get(address)
        unknown = () if reason or outcome == "skipped" or not reach else _unknown_read(
            keys, set(reads.get((check_id, address), ())), reach)
        results.append(
            CheckResult(
                check_id=check_id,
                check_name=check_name,
                address=address,
                result="skipped" if reason or outcome == "skipped" else "unknown" if unknown else outcome,
                evaluated_keys=keys,
                guideline=guideline,
                skip_reason=reason or "",
                unknown=unknown,
            )
        )
    results.sort(key=lambda r: (r.check_id, r.address))
    return results


def scan(doc: StateDocument) -> CheckovRun:
    """Convert ``doc`` and run checkov on it; failed checks become findings (``source: "checkov"``)."""
    return start_scan(doc)()


def start_scan(doc: StateDocument) -> Callable[[], CheckovRun]:
    """Convert ``doc`` and start checkov on it, in worker processes when there are cores to share; the returned
    call waits for the scan and gives its run. The caller works on (the gate judges the pack) meanwhile."""
    started = time.perf_counter()
    plan = convert(doc)
    pending = _start(plan, None, None)
    return lambda: _run(plan, pending(), started)


def _run(plan: Plan, results: list[CheckResult], started: float) -> CheckovRun:
    values = {r["address"]: r["values"] for r in plan.document["planned_values"]["root_module"]["resources"]}
    findings = [_to_finding(r, plan, values.get(r.address, {})) for r in results if r.result in ("failed", "unknown")]
    return CheckovRun(
        findings=findings,
        results=results,
        seconds=time.perf_counter() - started,
        plan=plan,
        offline_env=dict(OFFLINE_ENV),
    )
