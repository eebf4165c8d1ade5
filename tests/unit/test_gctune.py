import gc

from backend.gctune import GEN0_THRESHOLD, GEN2_THRESHOLD, settle


def test_settle_freezes_what_exists_and_raises_the_thresholds() -> None:
    before = gc.get_threshold()
    try:
        settle()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (GEN0_THRESHOLD, before[1], GEN2_THRESHOLD)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
