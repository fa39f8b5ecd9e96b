"""checkov's Terraform plan runner on plan documents held in memory, the batches of one plan in parallel processes.

What checkov 3.1.47 (pinned) does with a plan file, done without the file: ``plan_utils.create_definitions``
reads the file back through checkov's CloudFormation YAML loader (for line numbers; ten times slower than
``json.loads``), then pairs every planned resource with its configuration and its context by scanning the whole
list for each (quadratic in the resources of one file). Here the same definitions are built from the plan
document with checkov's own ``_prepare_resource_block``, each resource's configuration found through a dict, and
handed to ``Runner.run`` with the graph built as ``run`` builds it. Each dict of a resource's values carries
``start_line`` and ``end_line`` keys as the YAML loader's nodes do (``_hclify`` copies them into the resource, and
into ``tags``), so checks see the same keys; a test compares every result with checkov reading the file.

The batches of a plan (closed under references, ``checkov_bridge.batches``) are independent runs, so they are
scanned one per core: a ``Scanner`` is a process forked early (before a preview or while the state is read), that
imports checkov while the parent works, then forks one worker per core from itself (checkov already imported,
shared copy-on-write) and returns each batch's results in the batches' order. A thread would not help: importing
checkov and running its checks hold the interpreter's lock.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import importlib.util
import multiprocessing
import os
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PLAN_FOLDER = "/pms-baseline-plan"
"""The folder checkov is told the plan came from (nothing is written there; records name ``/plan-<i>.json``)."""

Record = tuple[str, str, str, str, tuple[str, ...], str, bool]
"""One check result: outcome (passed, failed, skipped), check id, check name, address, evaluated keys, guideline,
and whether it is a resource check (True) or a graph check."""

BatchResult = tuple[list[Record], dict[tuple[str, str], list[str]]]
"""A batch's records and, per (check id, address) of a watched resource, the configuration keys the check read."""


OFFLINE_ENV = {
    "BC_SKIP_MAPPING": "TRUE",  # no download of the guideline/severity mapping from the platform
    "CKV_NO_DOWNLOAD": "TRUE",
    "CHECKOV_EXPERIMENTAL_TERRAFORM_MANAGED_MODULES": "FALSE",
}
"""Set before checkov is imported; checkov reads some of them at import time."""


def go_offline() -> None:
    """Settings that keep checkov off the network (call before importing checkov)."""
    os.environ.update(OFFLINE_ENV)
    for name in ("BC_API_KEY", "PRISMA_API_URL"):
        os.environ.pop(name, None)


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


DEFERRED = ("aiohttp", "openai", "boto3", "docker")
"""Packages checkov 3.1.47 imports with a plain ``import`` at start for what an offline plan scan never does:
the platform's HTTP client (aiohttp), AI fix suggestions (openai), S3 uploads (boto3), container images
(docker). The scanner process loads each only when something first uses it; with that and its collector paused,
its import of checkov takes 0.8 s of CPU instead of 1.3 s (prod stack, 2-core machine). hcl2 and numpy are
used by every scan, so they are imported before the workers are forked."""


class _Deferred(types.ModuleType):
    """Stands in for a package until first use: the first attribute read or written imports the package, puts it
    in ``sys.modules`` in this stand-in's place, and every access goes to it from then on. The import system
    reads only ``__spec__`` (None here) of a module it finds in ``sys.modules``, so ``import name`` binds the
    stand-in without loading anything; ``from name import x`` loads it at once."""

    def _module(self) -> types.ModuleType:
        name = object.__getattribute__(self, "__name__")
        if sys.modules.get(name) is self:
            del sys.modules[name]
        return importlib.import_module(name)

    def __getattr__(self, attr: str) -> Any:  # only for what the stand-in lacks: everything but the dunders
        return getattr(self._module(), attr)

    def __setattr__(self, attr: str, value: Any) -> None:
        setattr(self._module(), attr, value)

    def __delattr__(self, attr: str) -> None:
        delattr(self._module(), attr)


def defer_unused_imports() -> None:
    """Stand-ins for the ``DEFERRED`` packages not imported yet (call before importing checkov, in a process that
    does nothing else: the scanner)."""
    for name in DEFERRED:
        if name not in sys.modules and importlib.util.find_spec(name) is not None:
            sys.modules[name] = _Deferred(name)


def import_checkov() -> None:
    """Import what a scan needs and load checkov's check registries (the slow part of a first scan)."""
    go_offline()
    import logging

    from checkov.common.bridgecrew.check_type import CheckType
    from checkov.common.checks_infra.registry import get_graph_checks_registry
    from checkov.terraform.plan_runner import Runner  # noqa: F401

    with contextlib.suppress(ImportError):
        import numpy  # noqa: F401  (igraph's Graph() imports it for every graph: here, once, not in each worker)
    logging.getLogger("checkov").setLevel(logging.ERROR)
    get_graph_checks_registry(CheckType.TERRAFORM).load_checks()


def _marked(value: Any, line: int) -> Any:
    """A copy with the line keys checkov's YAML loader puts in every mapping of a plan file (``__startline__``,
    ``__endline__``) and those ``_hclify`` adds from the mapping's marks (``start_line``, ``end_line``)."""
    if isinstance(value, dict):
        out = {k: _marked(v, line) for k, v in value.items()}
        out.update(__startline__=line, __endline__=line, start_line=line - 1, end_line=line - 1)
        return out
    if isinstance(value, list):
        return [_marked(v, line) for v in value]
    return value


def _definitions(document: dict[str, Any], path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """checkov's definitions and context of a root-module plan document (``plan_parser.parse_tf_plan`` and
    ``plan_utils.build_definitions_context``, without the file)."""
    from checkov.terraform.plan_parser import TF_PLAN_RESOURCE_CHANGE_KEYS, _prepare_resource_block

    changes: dict[str, dict[str, Any]] = {}
    for rc in document.get("resource_changes") or []:
        before, after = rc["change"]["before"] or {}, rc["change"]["after"] or {}
        changed = [k for k, v in before.items() if k not in ("__startline__", "__endline__") and v != after.get(k)]
        changes[rc["address"]] = {**rc, TF_PLAN_RESOURCE_CHANGE_KEYS: changed}
    configured = {(c["type"], c["name"]): c
                  for c in reversed(document.get("configuration", {}).get("root_module", {}).get("resources", []))}
    definition: dict[str, list[Any]] = {"resource": [], "data": []}
    context: dict[str, Any] = {}
    for line, resource in enumerate(document["planned_values"]["root_module"]["resources"], start=1):
        resource = {**resource, "values": _marked(resource.get("values", {}), line)}
        block, block_type, prepared = _prepare_resource_block(
            resource, configured.get((resource["type"], resource["name"])), changes)
        if prepared:
            definition[block_type].append(block)
            context[resource["address"]] = {"start_line": line - 1, "end_line": line - 1, "code_lines": [],
                                            "address": resource["address"]}
    return definition, {path: context}


def scan_batch(document: dict[str, Any], index: int, watched: frozenset[str]) -> BatchResult:
    """Run checkov's plan runner on one plan document in this process."""
    from checkov.runner_filter import RunnerFilter
    from checkov.terraform.checks.resource.registry import resource_registry
    from checkov.terraform.plan_runner import Runner

    import_checkov()
    path = f"{PLAN_FOLDER}/plan-{index}.json"
    definition, context = _definitions(document, path)
    runner = Runner()
    runner.definitions, runner.context = {path: definition}, context
    # What Runner.run does when it parsed the file itself: build the graph of the definitions and keep it.
    graph = runner.graph_manager.build_graph_from_definitions(runner.definitions, render_variables=False)
    runner.tf_plan_local_graph = graph
    runner.graph_manager.save_graph(graph)
    with _reads_of(set(watched)) as reads:
        report = runner.run(root_folder=PLAN_FOLDER, files=[path],
                            runner_filter=RunnerFilter(framework=["terraform_plan"], download_external_modules=False))
    if isinstance(report, list):  # an image report joins only when images are referenced; we have none
        report = report[0]
    records: list[Record] = []
    # The registry's get_check_by_id walks every check of every type; one set serves the whole batch.
    resource_checks = {check.id for checks in resource_registry.checks.values() for check in checks}
    for outcome, found in (("passed", report.passed_checks), ("failed", report.failed_checks),
                           ("skipped", report.skipped_checks)):
        for r in found:
            records.append((outcome, r.check_id, r.check_name, r.resource_address or r.resource,
                            tuple((r.check_result or {}).get("evaluated_keys") or ()), r.guideline or "",
                            r.check_id in resource_checks))
    return records, {key: sorted(keys) for key, keys in reads.items()}


# --- the reads of a check that reports no evaluated keys ------------------------------------------------------

class _Reading(dict):
    """A resource's configuration as a check sees it, noting the attributes the check reads."""

    def __init__(self, conf: dict[str, Any], read: set[str]) -> None:
        super().__init__(conf)
        self.read = read

    def __getitem__(self, key: Any) -> Any:
        self.read.add(str(key))
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self.read.add(str(key))
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)

    def _all(self) -> None:
        self.read.add("*")

    def keys(self):  # noqa: ANN201 - dict's own view
        self._all()
        return super().keys()

    def items(self):  # noqa: ANN201
        self._all()
        return super().items()

    def values(self):  # noqa: ANN201
        self._all()
        return super().values()

    def __iter__(self):  # noqa: ANN204
        self._all()
        return super().__iter__()


@contextmanager
def _reads_of(addresses: set[str]) -> Iterator[dict[tuple[str, str], set[str]]]:
    """While checkov runs, note which configuration keys each resource check reads of the resources at
    ``addresses`` (those with unknown values), for checks that report no evaluated keys.

    checkov offers no hook for this, so ``BaseResourceCheck.scan_entity_conf`` (checkov 3.1.47, pinned) is
    replaced for the run by the same three steps with the configuration handed to the check noted."""
    from checkov.common.graph.graph_builder import CustomAttributes
    from checkov.common.models.enums import CheckResult as Verdict
    from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck
    from checkov.terraform.parser_functions import handle_dynamic_values

    reads: dict[tuple[str, str], set[str]] = {}
    if not addresses:
        yield reads
        return
    original = BaseResourceCheck.scan_entity_conf

    def scan_entity_conf(self: Any, conf: dict[str, Any], entity_type: str) -> Any:
        address = conf.get(CustomAttributes.TF_RESOURCE_ADDRESS)
        if address not in addresses:
            return original(self, conf, entity_type)
        self.entity_type = entity_type
        if conf.get("count") == [0]:
            return Verdict.UNKNOWN
        handle_dynamic_values(conf)
        return self.scan_resource_conf(_Reading(conf, reads.setdefault((self.id, address), set())))

    BaseResourceCheck.scan_entity_conf = scan_entity_conf  # type: ignore[method-assign]
    try:
        yield reads
    finally:
        BaseResourceCheck.scan_entity_conf = original  # type: ignore[method-assign]


# --- batches in parallel --------------------------------------------------------------------------------------

_JOB: tuple[list[dict[str, Any]], frozenset[str]] = ([], frozenset())
"""The batches a scanner's workers read (inherited when they are forked, never pickled)."""


def _scan_job(index: int) -> BatchResult:
    documents, watched = _JOB
    return scan_batch(documents[index], index, watched)


def _serve(conn: Any, workers: int) -> None:
    """The scanner process: import checkov, wait for the batches, scan them on ``workers`` forked workers."""
    global _JOB
    import gc

    from pms_baseline.perf import gc_paused

    defer_unused_imports()
    with gc_paused():  # the import's objects all live on: collecting while they pile up finds nothing (0.25 s)
        import_checkov()
    gc.freeze()  # nor do the workers' collections walk them (or copy their pages from this process)
    try:
        documents, watched = conn.recv()
    except (EOFError, OSError):  # the parent ended or closed the scanner without a job
        return
    try:
        _JOB = (documents, watched)
        n = min(workers, len(documents))
        if n > 1:
            from concurrent.futures import ProcessPoolExecutor

            # A worker that dies (killed, out of memory) fails the scan instead of hanging it.
            with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
                results = list(pool.map(_scan_job, range(len(documents))))
        else:
            results = [_scan_job(i) for i in range(len(documents))]
        answer = ("ok", results)
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        answer = ("error", f"{type(exc).__name__}: {exc}")
    with contextlib.suppress(OSError):  # the parent stopped waiting (it failed, or was interrupted): say nothing
        conn.send(answer)


class Scanner:
    """A process that imports checkov now and scans one plan's batches when asked (once)."""

    def __init__(self, workers: int) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, workers), name="pms-checkov")
        self._process.start()
        child.close()
        self._answered = False
        atexit.register(self.close)

    def scan(self, documents: list[dict[str, Any]], watched: frozenset[str]) -> list[BatchResult]:
        """Each batch's results, in the order of ``documents``."""
        self.submit(documents, watched)
        return self.collect()

    def submit(self, documents: list[dict[str, Any]], watched: frozenset[str]) -> None:
        """Hand the batches to the scanner; ``collect`` waits for their results."""
        try:
            self._conn.send((documents, watched))
        except OSError as exc:
            self.close()
            raise RuntimeError(f"the checkov scanner process ended unexpectedly ({exc})") from None

    def collect(self) -> list[BatchResult]:
        """The results of the submitted batches, in their order."""
        try:
            status, payload = self._conn.recv()
            self._answered = True
        except (EOFError, OSError) as exc:
            raise RuntimeError(f"the checkov scanner process ended unexpectedly ({exc or 'no answer'})") from None
        finally:
            self.close()
        if status != "ok":
            raise RuntimeError(f"checkov failed in its scanner process: {payload}")
        return payload

    def close(self) -> None:
        """End the process: one that answered ends by itself; one never given a job is stopped."""
        self._conn.close()
        if not self._answered and self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=30)
        if self._process.is_alive():  # pragma: no cover - a scan that hangs
            self._process.kill()
            self._process.join()
        atexit.unregister(self.close)
