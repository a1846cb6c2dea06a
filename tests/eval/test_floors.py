"""Accuracy on the test split never drops more than 0.03 below the committed floors."""

import pytest

from audits.evaluation.floors import breaches, load_floors
from audits.evaluation.run import evaluate


@pytest.fixture(scope="module")
def results():
    floors = load_floors()
    return floors, evaluate(modes=tuple(floors), splits=("test",))


@pytest.mark.parametrize("mode", ["default", "fast"])
def test_test_split_holds_its_floors(results, mode):
    floors, res = results
    assert mode in floors, f"no floors committed for {mode} mode"
    broken = breaches(res["modes"][mode]["test"], floors[mode])
    assert not broken, "accuracy fell on the test split:\n" + "\n".join(broken)
