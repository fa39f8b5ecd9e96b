"""How the offline preview drives the Pulumi SDK so that a large program previews in bounded memory and time.

Where a preview's memory went (10,000 resources, 823 MiB peak): a Python program declares all its resources before
the SDK registers any, so every resource's pending registration (an Output with four futures and a task for each of
its properties, a coroutine, a captured stack trace) was alive at once; and once registered, each resource's
Outputs, tasks and dependency sets form reference cycles that only the cyclic collector frees, which the preview
pauses (``perf.gc_paused``) because its full passes over the growing heap made the preview superlinear.

``lean_run`` cuts both, without changing what is recorded:

- every ``SETTLE_EVERY`` resources the program declares, the event loop is pumped until the registrations already
  declared are done (``_sync_await``, the SDK's own way of running the loop inside a synchronous program, as every
  synchronous invoke does), and the young generation is collected (a pass over what was allocated since the last
  one, not over the whole heap). Only from the program's own task, so never from inside an ``apply``.
- the stack trace the SDK captures for each resource (``_get_stack_trace``: ``traceback.extract_stack``, which
  stats every source file on the stack and reads its lines, and a ``pathlib`` URI per frame) is built from the
  frames directly, with the URI of each file computed once; the frames, and so the source position the engine
  records and the declaring line derived from them, are the same (a test compares them).

Where a preview's time went (10,000 resources, 23 s of CPU): the young collections found 450 objects of cyclic
garbage per resource, half of them the frames of each declaration, kept by a cycle in our own stack-trace
capture, and a third the SDK's recursive closure in ``rpc.contains_unknowns`` (a cycle per call); and every
settle grew the loop's ready queue by the no-op handles ``_sync_await`` pads it with (quadratic: 48,000 handles
made and skipped at every settle of a 3,000-resource preview). Without the cycles (``_contains_unknowns`` answers
as the SDK's does) and with the padding trimmed (``_trim``), the same preview takes 11 s of CPU, linear.

The SDK hands every call to the monitor (each registration, invoke and feature query) to a thread pool
(``run_in_executor``) so that a real engine's gRPC round trip does not stall the loop. Under mocks the call is a
Python function that answers at once, and the pool only added two thread switches and a wake-up of the loop per
call; ``InlineLoop`` makes the call on the loop's thread and hands the SDK a finished future (10,000 resources,
in process, back to back: 10.4 s before, 9.3 s after).

Most of what remained was the SDK's per-resource machinery for output properties (``rpc.transfer_properties``):
four futures and a task for every output property of the resource's type, most of which no program reads.
``_transfer_properties`` gives each property one future of its resolved data instead (the same Output, resolved
by the same values, dependencies and failures; a test compares them with the SDK's), and the bundled stacks'
documents are byte for byte the same (10,000 resources: 7.5 s instead of 10 s, 219 MiB).
"""

from __future__ import annotations

import asyncio
import functools
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SETTLE_EVERY = 200
"""Resources declared between two settles: a few MiB of pending registrations, and few enough settles that
their collections cost nothing measurable."""

SETTLE_TIMEOUT = 30.0
"""Seconds a settle waits for the declared registrations. A registration that waits on something the program
has not declared yet cannot finish; then settling stops for the rest of the run (the preview is unchanged, only
its memory is no longer bounded)."""


def _fast_stack_trace() -> Any:
    """The SDK's ``_get_stack_trace`` (pulumi 3.x, pinned), from the frames without reading source files."""
    from pulumi.runtime import resource as sdk
    from pulumi.runtime.proto import source_pb2

    names: list[str] = []
    frames: list[Any] = []  # innermost first, this function's own frame included, as extract_stack's is
    f = sys._getframe(0)
    while f is not None:
        names.append(f.f_code.co_name)
        frames.append(f)
        f = f.f_back
    inits = [i for i, name in enumerate(names) if name == "__init__"]
    # The third __init__ is the concrete resource's; no third one, or nothing outside it: no trace.
    if len(inits) < 3 or inits[2] >= len(names) - 1:
        return source_pb2.StackTrace()
    inner = inits[2]
    try:
        return source_pb2.StackTrace(frames=[_stack_frame(sdk, source_pb2, fr.f_code.co_filename, fr.f_lineno)
                                             for fr in frames[inner + 1:]])
    finally:
        # The list holds this function's own frame, which holds the list: a cycle that would keep every
        # frame of the declaration (their locals: the resource's arguments, the SDK's futures) alive until
        # the collector's next pass.
        del frames, f


_URIS: dict[str, str | None] = {}
_FRAMES: dict[tuple[str, int | None], Any] = {}


def _stack_frame(sdk: Any, source_pb2: Any, filename: str, lineno: int | None) -> Any:
    """``StackFrame(pc=_get_source_position_for_frame(frame))``, the file's URI computed once."""
    key = (filename, lineno)
    frame = _FRAMES.get(key)
    if frame is None:
        if filename not in _URIS:
            pos = sdk._get_source_position_for_frame(_Summary(filename, 1))
            _URIS[filename] = pos.uri if pos is not None else None
        uri = _URIS[filename]
        pc = source_pb2.SourcePosition(uri=uri, line=lineno) if uri is not None and lineno is not None else None
        frame = _FRAMES[key] = source_pb2.StackFrame(pc=pc)
    return frame


class _Summary:
    """The two fields of a ``traceback.FrameSummary`` the SDK reads."""

    def __init__(self, filename: str, lineno: int) -> None:
        self.filename = filename
        self.lineno = lineno


def _contains_unknowns(val: Any) -> bool:
    """The SDK's ``rpc.contains_unknowns`` (pulumi 3.x, pinned): whether an ``Unknown`` is reachable through dicts
    and lists, each object looked at once. Without its recursive closure, which is a reference cycle (the
    function holds the cell that holds it) for every call: thousands of objects per resource for the collector."""
    unknown = _UNKNOWN[0]
    if not isinstance(val, (dict, list)):
        return isinstance(val, unknown)
    seen: set[int] = set()
    pending = [val]
    while pending:
        value = pending.pop()
        if isinstance(value, unknown):
            return True
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            pending.extend(value[k] for k in value)
        elif isinstance(value, list):
            pending.extend(value)
    return False


class InlineLoop(asyncio.SelectorEventLoop):
    """An event loop whose default executor is the loop's own thread: ``run_in_executor(None, fn)`` calls ``fn``
    now and returns its outcome as a done future. Only for a loop whose executor calls answer without waiting on
    the loop (the mocked monitor's do; a nested preview runs on a thread and loop of its own)."""

    def run_in_executor(self, executor: Any, func: Any, *args: Any) -> asyncio.Future:
        if executor is not None:
            return super().run_in_executor(executor, func, *args)
        future = self.create_future()
        try:
            future.set_result(func(*args))
        except Exception as exc:  # noqa: BLE001 - the awaiting coroutine gets it, as from the thread pool
            future.set_exception(exc)
        return future


def _transfer_properties(res: Any, props: Any, custom: bool) -> dict[str, Any]:
    """``rpc.transfer_properties`` with each output property's Output made from one future of its resolved data.

    The SDK gives every output property of a resource's type (forty for a bucket) four futures and a task that
    awaits them one by one to build the Output's ``_OutputData``: a task, a coroutine and a context per property,
    and four wake-ups of the loop before the Output resolves, most of them for properties no program reads. Here
    the resolver builds the ``_OutputData`` itself, as the task would (the resource added to the dependencies;
    the failure, if any, raised to whoever awaits), and sets the Output's one future with it
    (``Output._from_data``, the SDK's own factory)."""
    from pulumi.output import Output, _OutputData

    loop = asyncio.get_event_loop()
    resolvers: dict[str, Any] = {}
    for name in props:
        if name == "urn" or (name == "id" and custom):
            continue  # the SDK resolves these apart
        data = loop.create_future()
        resolvers[name] = functools.partial(_resolve, _OutputData, res, data)
        res.__dict__[name] = Output._from_data(data)
    return resolvers


def _resolve(output_data: Any, res: Any, data: asyncio.Future, value: Any, is_known: bool, is_secret: bool,
             deps: Any, failed: Exception | None) -> None:
    """The SDK's ``do_resolve`` for one property, setting the one future."""
    if failed is not None:
        data.set_exception(failed)
        return
    resources = set(deps) if deps else set()
    resources.add(res)
    data.set_result(output_data(resources=resources, value=value, is_known=is_known, is_secret=is_secret))


def _one_future_outputs() -> bool:
    """Whether this SDK builds Outputs as ``_transfer_properties`` relies on (its private factory and data)."""
    import pulumi.output as sdk_output

    return hasattr(sdk_output.Output, "_from_data") and hasattr(sdk_output, "_OutputData")


_UNKNOWN: list[type] = []
"""The SDK's ``Unknown`` class, once ``lean_run`` has imported it."""


def _trim(ready: Any, keep: int) -> None:
    """Drop the no-op handles ``_sync_await`` left at the end of the loop's ready queue beyond ``keep``.

    ``_sync_await`` pumps the loop from inside a callback of the loop's own pass, which will still pop the
    handles it counted when it began; so it pads the queue with cancelled handles up to the length it found. That
    length counts every handle the program queued since its callback began, padding included: settling from one
    long program callback grew the queue by each settle's handles (48,000 no-ops at 3,000 resources, all
    skipped and made again at every settle: quadratic). The pass that runs the program's callback (the whole
    synchronous program, settles included) counted only handles queued before that callback began, no more than
    the queue held when it began (``keep``); a cancelled handle is skipped unrun, so dropping the surplus changes
    nothing the loop runs."""
    while len(ready) > keep and ready[-1].cancelled():
        ready.pop()


async def settle(state: dict[str, Any]) -> None:
    """Run the loop until every registration started so far is done."""
    from pulumi.runtime.settings import _get_rpc_manager

    rpcs = _get_rpc_manager().rpcs
    for _ in range(100):
        await asyncio.sleep(0)  # declared registrations start, and add their RPCs
        pending = [rpc for rpc in rpcs if not rpc.done()]
        if not pending:
            return
        _, waiting = await asyncio.wait(pending, timeout=SETTLE_TIMEOUT)
        if waiting:
            state["settling"] = False
            return


@contextmanager
def lean_run(every: int | None = None) -> Iterator[Any]:
    """For the duration of one preview: settle registrations every ``every`` declared resources, and capture
    stack traces without reading source files. Yields ``started(task)``, to call with the program's task from
    inside it (settling happens only on that task)."""
    import pulumi.resource as sdk_resource
    from pulumi.runtime import resource as sdk_runtime
    from pulumi.runtime import rpc as sdk_rpc
    from pulumi.runtime.sync_await import _sync_await

    every = every or SETTLE_EVERY
    state: dict[str, Any] = {"task": None, "declared": 0, "settling": True}
    register, stack_trace = sdk_resource.register_resource, sdk_runtime._get_stack_trace
    contains_unknowns, transfer = sdk_rpc.contains_unknowns, sdk_rpc.transfer_properties
    if not _UNKNOWN:
        from pulumi.output import Unknown

        _UNKNOWN.append(Unknown)

    def register_resource(*args: Any, **kwargs: Any) -> Any:
        result = register(*args, **kwargs)
        state["declared"] += 1
        if state["settling"] and state["declared"] % every == 0 and asyncio.current_task() is state["task"]:
            _sync_await(settle(state))
            _trim(asyncio.get_running_loop()._ready, state["outer"])  # type: ignore[attr-defined]
            gc.collect(0)
        return result

    def started(task: Any) -> None:
        state["task"] = task
        # The loop's pass running the program's callback pops no more handles than its queue holds now.
        state["outer"] = len(asyncio.get_running_loop()._ready)  # type: ignore[attr-defined]

    sdk_resource.register_resource = register_resource
    sdk_runtime._get_stack_trace = _fast_stack_trace
    sdk_rpc.contains_unknowns = _contains_unknowns
    if _one_future_outputs():
        sdk_rpc.transfer_properties = _transfer_properties
    try:
        yield started
    finally:
        sdk_resource.register_resource, sdk_runtime._get_stack_trace = register, stack_trace
        sdk_rpc.contains_unknowns, sdk_rpc.transfer_properties = contains_unknowns, transfer
