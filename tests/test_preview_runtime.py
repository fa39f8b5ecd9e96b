"""The lean preview (registrations settled as the program declares them, stack traces from the frames) records
exactly what the SDK's own way records."""

import contextlib
import json

import pytest

from pms_baseline import preview_runtime
from pms_baseline.preview import preview_function


class _Base:
    def __init__(self, capture):
        capture(self)


class _Middle(_Base):
    def __init__(self, capture):
        _Base.__init__(self, capture)


class _Concrete(_Middle):
    def __init__(self, capture):
        _Middle.__init__(self, capture)


class _Wrapper:
    def __init__(self, capture):
        self.inner = _Concrete(capture)


def _both(obj):
    from pulumi.runtime import resource as sdk

    obj.traces = (sdk._get_stack_trace(), preview_runtime._fast_stack_trace())


@pytest.mark.parametrize("make", [_Base, _Middle, _Concrete, _Wrapper], ids=lambda c: c.__name__)
def test_stack_trace_from_frames_equals_the_sdks(make):
    made = make(_both)
    sdk_trace, fast = (made.inner if isinstance(made, _Wrapper) else made).traces
    assert fast == sdk_trace
    if make in (_Concrete, _Wrapper):
        assert fast.frames and fast.frames[0].pc.uri.endswith("test_preview_runtime.py")
        assert fast.frames[0].pc.line > 0
    else:
        assert not fast.frames


def _program(clinics: int):
    def program():
        import pulumi
        import pulumi_aws as aws

        from bench.synth import clinic_program

        for i in range(clinics):
            clinic_program(f"clinic{i:04d}")
        key = aws.kms.Key("late-key", enable_key_rotation=True)
        # A resource declared inside an apply: settling never runs there, and it is recorded all the same.
        key.arn.apply(lambda arn: aws.sns.Topic("from-apply", kms_master_key_id=arn))
        pulumi.export("keyArn", key.arn)

    return program


@pytest.mark.slow
def test_lean_preview_records_exactly_what_the_plain_one_does(monkeypatch):
    settled = []
    settle = preview_runtime.settle

    async def counting(state):
        settled.append(state["declared"])
        await settle(state)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(preview_runtime, "SETTLE_EVERY", 25)
    monkeypatch.setattr(preview_runtime, "settle", counting)
    lean = preview_function(_program(4), stack="prod")
    assert settled and all(n % 25 == 0 for n in settled)
    monkeypatch.setattr(preview_runtime, "lean_run", lambda every=None: contextlib.nullcontext(lambda task: None))
    plain = preview_function(_program(4), stack="prod")
    assert json.dumps(lean, sort_keys=True) == json.dumps(plain, sort_keys=True)
    resources = lean["deployment"]["resources"]
    assert any(r["urn"].endswith("::from-apply") for r in resources) and len(resources) > 100
    assert all(r.get("sourcePosition", "").startswith("project:///") for r in resources if r["custom"]
               and r["type"].startswith("aws:kms"))


def _collected():
    """Collect until nothing is left: a finalizer run by one collection (an earlier test's future whose exception
    was never retrieved logs it, with its traceback) can leave cyclic garbage for the next."""
    import gc

    while gc.collect():
        pass


def test_stack_trace_from_frames_leaves_no_cycle_for_the_collector():
    """The frames of a declaration are freed when it returns, not kept by a cycle until the collector runs."""
    import gc

    def capture(obj):
        obj.trace = preview_runtime._fast_stack_trace()

    _Concrete(capture)  # the first capture in a process imports the SDK's protobuf modules, which makes cycles
    _collected()
    gc.disable()
    try:
        made = _Concrete(capture)
        assert made.trace.frames
        assert gc.collect() == 0
    finally:
        gc.enable()


def _unknowns():
    from pulumi.output import UNKNOWN

    looped: dict = {"a": 1}
    looped["self"] = looped
    shared = [1, {"b": 2}]
    return [
        (None, False), (UNKNOWN, True), ("text", False), (3, False), ([], False), ({}, False),
        ({"a": [1, {"b": UNKNOWN}]}, True), ([1, [2, [3, [UNKNOWN]]]], True), ({"a": [1, {"b": 2}]}, False),
        (looped, False), ({"x": looped, "y": [UNKNOWN]}, True), ([shared, shared], False),
        ((UNKNOWN,), False),  # a tuple is not looked into, by the SDK either
    ]


def test_contains_unknowns_without_closure_answers_as_the_sdks():
    import gc

    from pulumi.runtime import rpc

    preview_runtime._UNKNOWN[:] = []
    with preview_runtime.lean_run():
        patched = rpc.contains_unknowns
    assert patched is preview_runtime._contains_unknowns
    assert rpc.contains_unknowns is not patched  # restored
    for value, expected in _unknowns():
        assert rpc.contains_unknowns(value) is expected
        assert preview_runtime._contains_unknowns(value) is expected
    _collected()
    gc.disable()
    try:
        preview_runtime._contains_unknowns({"a": [1, {"b": 2}]})
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.slow
@pytest.mark.parametrize("trimmed", [True, False], ids=["trimmed", "untrimmed"])
def test_settling_keeps_the_loops_ready_queue_bounded(monkeypatch, trimmed):
    """``_sync_await`` pads the ready queue with no-op handles up to the length it found; trimmed after each
    settle, the queue stays the size of one settle's work instead of growing by it at every settle."""
    found = []
    trim = preview_runtime._trim

    def measuring(ready, keep):
        found.append(len(ready))
        if trimmed:
            trim(ready, keep)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(preview_runtime, "SETTLE_EVERY", 25)
    monkeypatch.setattr(preview_runtime, "_trim", measuring)
    doc = preview_function(_program(6), stack="prod")
    assert len(found) >= 8
    if trimmed:
        assert max(found[3:]) < 3 * max(found[:3])
    else:  # the growth the trim removes, and the same document either way
        assert found[-1] > 5 * found[0]
        monkeypatch.setattr(preview_runtime, "_trim", trim)
        assert json.dumps(preview_function(_program(6), stack="prod"), sort_keys=True) == json.dumps(
            doc, sort_keys=True)


def test_inline_loop_runs_executor_calls_on_its_own_thread_and_hands_back_their_outcome():
    import threading

    loop = preview_runtime.InlineLoop()
    ran_on = []

    def answer(x):
        ran_on.append(threading.get_ident())
        return x * 2

    def refuse():
        raise ValueError("no such resource")

    async def main():
        got = await loop.run_in_executor(None, answer, 21)
        with pytest.raises(ValueError, match="no such resource"):
            await loop.run_in_executor(None, refuse)
        return got

    try:
        assert loop.run_until_complete(main()) == 42
    finally:
        loop.close()
    assert ran_on == [threading.get_ident()]


@pytest.mark.slow
def test_preview_on_the_inline_loop_records_exactly_what_the_thread_pool_does(monkeypatch):
    import asyncio

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    inline = preview_function(_program(3), stack="prod")
    monkeypatch.setattr(preview_runtime, "InlineLoop", asyncio.SelectorEventLoop)
    pooled = preview_function(_program(3), stack="prod")
    assert json.dumps(inline, sort_keys=True) == json.dumps(pooled, sort_keys=True)


def _outcome(out):
    """What a program can learn of an Output: value, known, secret, resources, or the error awaiting it raises."""

    async def read():
        try:
            return (await out.future(with_unknowns=True), await out.is_known(), await out.is_secret(),
                    await out.resources())
        except RuntimeError as exc:
            return ("raised", str(exc))

    return read()


@pytest.mark.parametrize(
    ("value", "known", "secret", "deps", "failed"),
    [
        ("arn:aws:s3:::b", True, False, "other", None),
        ({"a": [1, 2]}, True, True, None, None),
        (None, False, False, "other", None),
        ("x", True, False, None, RuntimeError("registration failed")),
    ],
    ids=["value-with-dependency", "secret-without-dependency", "unknown", "failed"],
)
def test_outputs_made_from_one_future_resolve_as_the_sdks(value, known, secret, deps, failed):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from pulumi.output import UNKNOWN
    from pulumi.runtime import rpc
    from pulumi.runtime.settings import SETTINGS

    class _Res:
        pass

    other = _Res()
    props = {"urn": None, "id": None, "arn": None, "tags": None}
    # Outputs register in the SDK's process-wide set, which keeps a failed one for the program's exit: this test's
    # are taken out again, so no later preview waits on a future of this test's closed loop.
    tracked = set(SETTINGS.outputs)

    def resolved(transfer):  # on a thread of its own, as a preview runs: this thread's event loop is left alone
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            res = _Res()
            resolvers = transfer(res, props, True)
            assert set(resolvers) == {"arn", "tags"}
            resolvers["arn"](value, known, secret, {other} if deps else None, failed)
            resolvers["tags"]({"v": UNKNOWN}, True, False, None, None)  # a value holding an unknown is not known
            arn, tags = loop.run_until_complete(asyncio.gather(_outcome(res.arn), _outcome(res.tags)))
        finally:
            loop.close()
            SETTINGS.outputs.intersection_update(tracked)
        swap = {id(res): "self", id(other): "other"}
        return [o if o[0] == "raised" else (*o[:3], sorted(swap[id(r)] for r in o[3])) for o in (arn, tags)]

    with ThreadPoolExecutor(1) as pool:
        results = [pool.submit(resolved, t).result() for t in (rpc.transfer_properties,
                                                                  preview_runtime._transfer_properties)]
    assert results[0] == results[1]
    assert results[1][1][1] is False
