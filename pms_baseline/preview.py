"""Offline preview: run a Pulumi Python program under Pulumi's own mocks and write a state document.

The program runs exactly as the Pulumi language host would run it (its directory first on ``sys.path``, its
``__main__.py`` executed as ``__main__``), with the stack's config from ``stackConfigDir``. A recording
monitor stands in for the engine and keeps what the engine would keep: URN, parent, dependencies, property
dependencies, provider reference, inputs, outputs, secrets and source position. The result has the shape of
``pulumi stack export`` (version 3), so everything downstream reads a preview and a real export alike.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime as dt
import json
import os
import runpy
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pms_baseline import mockcloud, stackrefs
from pms_baseline.errors import InputError
from pms_baseline.locate import declaring_frame
from pms_baseline.state import SECRET_SIG, SIG_KEY
from pms_baseline_pack import tokens as t

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8b"
PULUMI_VERSION = "3.272.0"


@dataclass(frozen=True)
class Project:
    """A Pulumi project on disk: its name, program directory and stack config directory."""

    name: str
    root: Path
    program: Path
    config_dir: Path

    def stack_file(self, stack: str) -> Path:
        return self.config_dir / f"Pulumi.{stack}.yaml"

    def stacks(self) -> list[str]:
        return sorted(p.name[len("Pulumi."):-len(".yaml")] for p in self.config_dir.glob("Pulumi.*.yaml"))


BUNDLED_PROJECT = "_project"
"""Where a built wheel keeps the default project's Pulumi.yaml and stacks/, inside ``pms_baseline_infra``."""


def _project_meta(pulumi_yaml: Path) -> dict[str, Any]:
    try:
        meta = yaml.safe_load(pulumi_yaml.read_text()) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{pulumi_yaml} is not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(meta, dict) or not meta.get("name"):
        raise InputError(f"{pulumi_yaml} has no project name")
    return meta


def find_project(program: Path) -> Project:
    """Locate the project for a program directory or a project root (the folder holding Pulumi.yaml)."""
    program = program.resolve()
    if not program.is_dir():
        raise InputError(f"program directory {program} does not exist")
    for root in (program, *program.parents):
        pulumi_yaml = root / "Pulumi.yaml"
        if pulumi_yaml.is_file():
            break
    else:
        raise InputError(f"no Pulumi.yaml in {program} or any folder above it")
    meta = _project_meta(pulumi_yaml)
    main = root / str(meta.get("main", "."))
    if program != root and program != main.resolve():
        main = program
    main = main.resolve()
    if not (main / "__main__.py").is_file():
        raise InputError(f"no __main__.py in program directory {main}")
    config_dir = (root / str(meta.get("stackConfigDir", "."))).resolve()
    return Project(name=str(meta["name"]), root=root, program=main, config_dir=config_dir)


def default_project() -> Project:
    """The project this tool ships with: the repository's (Pulumi.yaml beside ``infra/``) in a checkout or an
    editable install, or the copy a built wheel carries inside ``pms_baseline_infra/_project``.

    The program is located without being imported: importing it would declare resources.
    """
    import importlib.util

    spec = importlib.util.find_spec("pms_baseline_infra")
    if spec is None or spec.origin is None:
        raise InputError("the bundled program (pms_baseline_infra) is not installed; give --program DIR")
    program = Path(spec.origin).resolve().parent
    bundled = program / BUNDLED_PROJECT
    if (bundled / "Pulumi.yaml").is_file():
        meta = _project_meta(bundled / "Pulumi.yaml")
        config_dir = (bundled / str(meta.get("stackConfigDir", "."))).resolve()
        return Project(name=str(meta["name"]), root=bundled, program=program, config_dir=config_dir)
    if (program.parent / "Pulumi.yaml").is_file():
        return find_project(program.parent)
    raise InputError(f"no Pulumi.yaml beside the bundled program {program}; give --program DIR")


def load_stack_config(project: Project, stack: str) -> tuple[dict[str, str], list[str]]:
    """Read Pulumi.<stack>.yaml into the flat string map the engine hands a program, and its secret keys."""
    path = project.stack_file(stack)
    if not path.is_file():
        known = ", ".join(project.stacks()) or "none"
        raise InputError(f"unknown stack '{stack}': no {path.name} in {project.config_dir} (stacks: {known})")
    try:
        doc = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{path} is not valid YAML: {str(exc).splitlines()[0]}") from None
    raw = doc.get("config") or {}
    if not isinstance(raw, dict):
        raise InputError(f"{path}: 'config' must be a map")
    config: dict[str, str] = {}
    secret_keys: list[str] = []
    for key, value in raw.items():
        full = key if ":" in key else f"{project.name}:{key}"
        if isinstance(value, dict) and set(value) == {"secure"}:
            # Stack secrets are encrypted for a secrets provider the preview cannot reach; the program
            # sees an opaque stand-in and the value stays secret all the way to the state document.
            config[full] = "[secret]"
            secret_keys.append(full)
        elif isinstance(value, str):
            config[full] = value
        else:
            config[full] = json.dumps(value)
    return config, secret_keys


def _from_struct(value: Any) -> Any:
    """Protobuf Struct values to plain JSON, whole floats back to ints (the engine keeps JSON numbers)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _from_struct(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_struct(v) for v in value]
    return value


def _seal(value: Any, where: str) -> Any:
    """Replace secret envelopes' plaintext with opaque ciphertext, as `pulumi stack export` shows them."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == SECRET_SIG:
            return {SIG_KEY: SECRET_SIG, "ciphertext": f"v1:preview:{mockcloud.digest(where, 24)}"}
        return {k: _seal(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_seal(v, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def _plain(value: Any) -> Any:
    """Strip secret envelopes for the mock provider, which sees plaintext as a real provider would."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == SECRET_SIG:
            return _plain(value.get("value"))
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _secret_paths(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {k for k, v in value.items() if isinstance(v, dict) and v.get(SIG_KEY) == SECRET_SIG}
    return set()


@dataclass
class Recorded:
    """One registration, in the order the program made it."""

    urn: str
    type: str
    name: str
    custom: bool
    parent: str
    provider: str
    dependencies: list[str]
    property_dependencies: dict[str, list[str]]
    inputs: dict[str, Any]
    outputs: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    source_position: str = ""
    protect: bool = False
    declared_at: str = ""
    """The line of the program that declared the resource (``locate.declaring_frame``): its own source position
    for a resource the program declares, the program's call into a component or helper library otherwise."""


def _make_recorder(project: Project, stack: str, account: str, region: str):
    from google.protobuf import json_format
    from pulumi.runtime import mocks
    from pulumi.runtime.proto import resource_pb2

    class PreviewMocks(mocks.Mocks):
        def __init__(self) -> None:
            self.provider_regions: dict[str, str] = {}

        def new_resource(self, args: mocks.MockResourceArgs):  # noqa: D401 - Pulumi's interface
            raise NotImplementedError  # the recorder answers registrations itself

        def call(self, args: mocks.MockCallArgs):
            reg = region
            if args.provider:
                reg = self.provider_regions.get(args.provider.split("::")[-1], region)
            return mockcloud.call_result(args.token, _plain(args.args), account, reg)

    class RecordingMonitor(mocks.MockMonitor):
        def __init__(self, mock: PreviewMocks) -> None:
            super().__init__(mock)
            self.recorded: list[Recorded] = []
            self.stack_outputs: dict[str, Any] = {}
            self.reference_states: dict[str, str] = {}
            self.lock = threading.Lock()

        def make_urn(self, parent: str, type_: str, name: str) -> str:
            # The engine leaves the root stack's type out of its children's qualified types: a top-level
            # resource is ...::aws:s3/bucket:Bucket::name, a component's child ...::pms:x:Y$aws:...::name.
            if parent and parent.split("::")[2] == t.STACK:
                parent = ""
            return super().make_urn(parent, type_, name)

        def _region_for(self, provider_ref: str) -> str:
            return self.mocks.provider_regions.get(provider_ref.split("::")[-1], region)

        def RegisterResource(self, request):
            urn = self.make_urn(request.parent, request.type, request.name)
            if request.type == t.STACK:
                with self.lock:
                    self.recorded.append(Recorded(urn, t.STACK, request.name, False, "", "", [], {}, {}))
                return resource_pb2.RegisterResourceResponse(urn=urn)
            inputs = _from_struct(json_format.MessageToDict(request.object))
            plain = _plain(inputs)
            if request.custom:
                if request.type.startswith("pulumi:providers:"):
                    rid = mockcloud.fake_uuid(urn)
                    outputs = dict(plain)
                    self.mocks.provider_regions[rid] = str(plain.get("region", region))
                else:
                    rid, outputs = mockcloud.resource_outputs(
                        request.type, request.name, urn, plain, account, self._region_for(request.provider)
                    )
                    # The engine keeps an output secret when its input was, and when the program asked.
                    secret = _secret_paths(inputs) | set(request.additionalSecretOutputs)
                    for key in secret & set(outputs):
                        outputs[key] = {SIG_KEY: SECRET_SIG, "value": outputs[key]}
            else:
                rid, outputs = "", {}
            pos = ""
            if request.HasField("sourcePosition") and request.sourcePosition.uri:
                pos = _project_uri(project, request.sourcePosition.uri, request.sourcePosition.line)
            frames = [(f.pc.uri, f.pc.line) for f in request.stackTrace.frames if f.HasField("pc")]
            declared = declaring_frame(project.root, project.program, frames) if frames else ""
            rec = Recorded(
                urn=urn, type=request.type, name=request.name, custom=request.custom, parent=request.parent,
                # The SDK resolves a resource's dependencies concurrently, so their order varies from run to run;
                # sorted, the same program and config give the same document byte for byte.
                provider=request.provider, dependencies=sorted(set(request.dependencies)),
                property_dependencies={k: sorted(set(request.propertyDependencies[k].urns))
                                       for k in sorted(request.propertyDependencies)},
                inputs=inputs if request.custom else {}, outputs=outputs, id=rid, source_position=pos,
                protect=request.protect, declared_at=declared,
            )
            with self.lock:
                self.recorded.append(rec)
            obj = json_format.ParseDict(outputs, resource_pb2.RegisterResourceResponse().object)
            return resource_pb2.RegisterResourceResponse(urn=urn, id=rid, object=obj)

        def ReadResource(self, request):
            if request.type != stackrefs.STACK_REFERENCE:
                return super().ReadResource(request)
            # Offline, a StackReference reads the referenced stack's outputs from its own offline preview or a
            # state file (stackrefs.py), recorded as an export records it: external, the outputs under outputs.
            urn = self.make_urn(request.parent, request.type, request.name)
            name = request.id or str(_from_struct(json_format.MessageToDict(request.properties)).get("name", ""))
            outputs = stackrefs.lookup(project, self.reference_states, name)
            state = {"name": name, "outputs": outputs, "secretOutputNames": stackrefs.secret_names(outputs)
                     if isinstance(outputs, dict) else outputs}
            with self.lock:
                self.recorded.append(Recorded(urn, request.type, request.name, True, request.parent, "",
                                              sorted(set(request.dependencies)), {}, {"name": name}, state, name))
            obj = json_format.ParseDict(state, resource_pb2.ReadResourceResponse().properties)
            return resource_pb2.ReadResourceResponse(urn=urn, properties=obj)

        def RegisterResourceOutputs(self, request):
            outputs = _from_struct(json_format.MessageToDict(request.outputs))
            with self.lock:
                for rec in self.recorded:
                    if rec.urn == request.urn:
                        rec.outputs = outputs
            return super().RegisterResourceOutputs(request)

    mock = PreviewMocks()
    return mock, RecordingMonitor(mock)


def _project_uri(project: Project, uri: str, line: int) -> str:
    """The engine records source positions relative to the project root as project:///path#line."""
    key = (project.root, uri)
    rel = _RELATIVE.get(key, _UNSEEN)
    if rel is _UNSEEN:
        from urllib.parse import unquote, urlparse

        try:
            rel = Path(unquote(urlparse(uri).path)).resolve().relative_to(project.root).as_posix()
        except ValueError:
            rel = None
        _RELATIVE[key] = rel
    return f"project:///{rel}#{line}" if rel is not None else ""


_UNSEEN = object()
_RELATIVE: dict[tuple[Path, str], Any] = {}
"""(project root, file URI) -> the file's path relative to the root, or None outside it: a program declares its
resources from a few files, and resolving a path is a system call per directory (half of the recording
monitor's time)."""


@dataclass
class PreviewResult:
    """A previewed stack: the state document and what it took."""

    document: dict[str, Any]
    project: Project
    stack: str
    seconds: float
    declared: dict[str, str] = field(default_factory=dict)
    """URN -> the program line that declared it (``project:///path#line``; see ``Recorded.declared_at``): kept
    beside the document, which records only what the engine records."""


class ProgramError(InputError):
    """The program raised while it ran; the message is the program's own."""


def _run(project: Project, stack: str, config: dict[str, str], secret_keys: list[str], body) -> Any:
    """Run ``body`` as a Pulumi program under the recording monitor; return the monitor and the region."""
    from pulumi.runtime import config as pconfig
    from pulumi.runtime import mocks, settings
    from pulumi.runtime.stack import massage, run_pulumi_func
    from pulumi.runtime.sync_await import _sync_await

    from pms_baseline.preview_runtime import lean_run

    account = config.get(f"{project.name}:accountId", mockcloud.DEFAULT_ACCOUNT)
    if not (isinstance(account, str) and account.isdigit() and len(account) == 12):
        account = mockcloud.DEFAULT_ACCOUNT
    region = config.get("aws:region", mockcloud.DEFAULT_REGION)
    mock, monitor = _make_recorder(project, stack, account, region)
    monitor.reference_states = stackrefs.reference_states(config)
    pconfig.set_all_config(config, secret_keys)
    mocks.set_mocks(mock, project=project.name, stack=stack, preview=True, monitor=monitor)

    with lean_run() as started:  # bounded memory: registrations settle as the program declares them

        def program():
            started(asyncio.current_task())
            body()
            # set_mocks registers the root stack's outputs as soon as it makes the stack, before the program
            # has exported anything; register them again now that it has, as the engine's language host would.
            root = settings.get_root_resource()
            if root is not None:
                root.register_outputs(massage(root.outputs, []))

        _sync_await(run_pulumi_func(program))
    return monitor, region


def _isolated(fn) -> Any:
    """Run ``fn`` in a fresh thread with an empty context and its own event loop.

    Pulumi keeps its settings in context variables and an event loop per thread, so each preview starts from
    nothing and leaves nothing behind; previews can run one after another in one process.
    """
    box: dict[str, Any] = {}

    def run() -> None:
        import asyncio

        from pms_baseline.preview_runtime import InlineLoop

        loop = InlineLoop()  # the mocked monitor answers at once: no thread pool between it and the SDK
        asyncio.set_event_loop(loop)
        try:
            box["result"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            box["error"] = exc
        finally:
            loop.close()

    from pms_baseline.perf import gc_paused

    # The program's Outputs, futures and registrations live until the run ends; with the cyclic collector on,
    # its full passes over them made a 10,000-resource preview take 27 s instead of 12.
    with gc_paused():
        worker = threading.Thread(target=lambda: contextvars.Context().run(run), daemon=True)
        worker.start()
        worker.join()
    if "error" in box:
        raise box["error"]
    return box["result"]


def _run_path(project: Project) -> None:
    """Execute the program directory as the Python language host does."""
    saved_path, saved_cwd = list(sys.path), os.getcwd()
    sys.path.insert(0, str(project.program))
    os.chdir(project.program)
    try:
        runpy.run_path(str(project.program), run_name="__main__")
    finally:
        sys.path[:] = saved_path
        os.chdir(saved_cwd)


def preview(program: Path | None, stack: str) -> PreviewResult:
    """Run the program of ``program`` (a project root or program directory; None: the bundled project) for
    ``stack`` under mocks."""
    import time

    project = find_project(program) if program is not None else default_project()
    config, secret_keys = load_stack_config(project, stack)
    started = time.perf_counter()
    try:
        monitor, region = stackrefs.run_resolving(
            lambda: _isolated(lambda: _run(project, stack, config, secret_keys, lambda: _run_path(project))),
            project, preview, default_project)
    except InputError:
        raise
    except BaseException as exc:  # noqa: BLE001 - a program's failure is the user's input error
        raise ProgramError(f"program {project.program} failed for stack '{stack}': {_describe(exc)}") from exc
    doc = _document(project, stack, monitor.recorded, region)
    declared = {rec.urn: rec.declared_at for rec in monitor.recorded if rec.declared_at}
    return PreviewResult(document=doc, project=project, stack=stack, seconds=time.perf_counter() - started,
                         declared=declared)


def preview_function(
    body, stack: str = "test", config: dict[str, Any] | None = None, project: str = "pms-baseline"
) -> dict[str, Any]:
    """Run ``body()`` as a program under the same mocks and return its state document.

    For tests of one component: ``config`` is the flat map a stack file would give (values may be any JSON
    type); exceptions from ``body`` propagate unchanged.
    """
    proj = Project(name=project, root=Path.cwd(), program=Path.cwd(), config_dir=Path.cwd())
    flat = {k: v if isinstance(v, str) else json.dumps(v) for k, v in (config or {}).items()}
    monitor, region = _isolated(lambda: _run(proj, stack, flat, [], body))
    return _document(proj, stack, monitor.recorded, region)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    first = text.splitlines()[0]
    name = type(exc).__name__
    return first if name in ("ConfigError", "RunError") else f"{name}: {first}"


def _ordered(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order resources as the engine's state does (parents, providers and dependencies first), deterministically.

    Registrations arrive in whatever order the SDK's threads finish them; a stable topological order with the
    URN breaking ties makes the same program preview to the same document.
    """
    import heapq

    by_urn = {r["urn"]: r for r in resources}

    def needs(r: dict[str, Any]) -> set[str]:
        refs = {r.get("parent", ""), r.get("provider", "").rsplit("::", 1)[0], *r.get("dependencies", [])}
        for urns in r.get("propertyDependencies", {}).values():
            refs.update(urns)
        return {u for u in refs if u in by_urn and u != r["urn"]}

    waiting = {u: needs(r) for u, r in by_urn.items()}
    users: dict[str, list[str]] = {}
    for urn, deps in waiting.items():
        for dep in deps:
            users.setdefault(dep, []).append(urn)
    ready = [u for u, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    out: list[dict[str, Any]] = []
    while ready:
        urn = heapq.heappop(ready)
        out.append(by_urn[urn])
        for user in users.get(urn, []):
            waiting[user].discard(urn)
            if not waiting[user]:
                heapq.heappush(ready, user)
    return out


def _stamp() -> str:
    """The time a preview records: SOURCE_DATE_EPOCH when set (the reproducible-builds convention, so the same
    program and config give the same document byte for byte), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit()
            else dt.datetime.now(dt.timezone.utc))
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")


def _document(project: Project, stack: str, recorded: list[Recorded], region: str) -> dict[str, Any]:
    now = _stamp()
    from importlib.metadata import PackageNotFoundError, version

    try:
        aws_version = version("pulumi-aws")
    except PackageNotFoundError:  # pragma: no cover - pulumi-aws is a dependency
        aws_version = "7.51.1"
    default_name = f"default_{aws_version.replace('.', '_')}"
    stack_urn = f"urn:pulumi:{stack}::{project.name}::{t.STACK}::{project.name}-{stack}"
    provider_urn = f"urn:pulumi:{stack}::{project.name}::{t.AWS_PROVIDER}::{default_name}"
    provider_id = mockcloud.fake_uuid(provider_urn)
    needs_default = any(r.custom and not r.provider and r.type.startswith("aws:") for r in recorded)

    resources: list[dict[str, Any]] = []
    for rec in recorded:
        if rec.type == t.STACK:
            resources.append({"urn": rec.urn, "custom": False, "type": t.STACK,
                              "outputs": _seal(rec.outputs, rec.urn), "created": now, "modified": now})
            if needs_default:
                resources.append({
                    "urn": provider_urn, "custom": True, "id": provider_id, "type": t.AWS_PROVIDER,
                    "inputs": {"region": region, "version": aws_version},
                    "outputs": {"region": region, "version": aws_version}, "created": now, "modified": now,
                })
            continue
        item: dict[str, Any] = {"urn": rec.urn, "custom": rec.custom}
        if rec.custom:
            item["id"] = rec.id
        item["type"] = rec.type
        if rec.custom:
            item["inputs"] = _seal(rec.inputs, rec.urn + "#in")
        item["outputs"] = _seal(rec.outputs, rec.urn + "#out")
        item["parent"] = rec.parent or stack_urn
        if rec.protect:
            item["protect"] = True
        if rec.type == stackrefs.STACK_REFERENCE:
            item["external"] = True
        if rec.custom and not rec.type.startswith(("pulumi:providers:", "pulumi:pulumi:")):
            item["provider"] = rec.provider or f"{provider_urn}::{provider_id}"
        if rec.dependencies:
            item["dependencies"] = rec.dependencies
        if rec.property_dependencies:
            item["propertyDependencies"] = rec.property_dependencies
        item["created"] = now
        item["modified"] = now
        if rec.source_position:
            item["sourcePosition"] = rec.source_position
        resources.append(item)
    return {
        "version": 3,
        "deployment": {
            "manifest": {
                "time": now,
                "magic": "",
                "version": f"v{PULUMI_VERSION}",
                "plugins": [{"name": "aws", "kind": "resource", "version": aws_version}],
            },
            "secrets_providers": {"type": "pms-baseline-preview", "state": {}},
            "resources": _ordered(resources),
            "metadata": {"generator": "pms-baseline preview", "stack": stack, "project": project.name},
        },
    }
