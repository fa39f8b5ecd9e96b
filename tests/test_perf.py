"""The collector pause of whole-state stages (``perf.gc_paused``): what the stage leaves alive is not walked by a
young collection when the pause ends, and garbage is still collected."""

import gc

from pms_baseline.perf import gc_paused


class _Node:
    def __init__(self):
        self.me = self  # a cycle: only the cyclic collector frees it


def test_what_the_stage_leaves_alive_is_not_collected_young_when_the_pause_ends():
    gc.collect()
    collections = gc.get_stats()[0]["collections"]
    with gc_paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(50_000)]
        assert gc.get_count()[0] > 50_000  # a young collection would walk all of these
    assert gc.isenabled()
    assert gc.get_count()[0] < gc.get_threshold()[0]
    assert gc.get_freeze_count() == 0
    assert gc.get_stats()[0]["collections"] == collections
    assert len(kept) == 50_000


def test_cyclic_garbage_made_in_the_pause_is_freed_by_a_full_collection():
    import weakref

    with gc_paused():
        node = _Node()
        ref = weakref.ref(node)
        del node
    assert ref() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert ref() is None


def test_a_pause_inside_a_pause_and_another_freeze_are_left_as_they_are():
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            with gc_paused():
                pass
            assert not gc.isenabled()  # only the outermost pause resumes the collector
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen  # the checkov scanner's freeze stays in force
    finally:
        gc.unfreeze()


def test_a_collector_switched_off_before_the_pause_stays_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
