import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.guardduty.guardduty_detector_enabled import check as rule
from tests.policy.rules.builders import res, urn


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([res(t.GUARDDUTY_DETECTOR, "pms-detector", enable=True)], [], id="pass-enabled"),
        pytest.param([res(t.GUARDDUTY_DETECTOR, "pms-detector")], [], id="pass-default-enabled"),
        pytest.param(
            [],
            [
                Violation(
                    "the stack declares no GuardDuty detector, so threats go undetected; use the Monitoring "
                    "component or declare a Detector with enable=True (164.308(a)(1)(ii)(D))"
                )
            ],
            id="fail-missing",
        ),
        pytest.param(
            [res(t.GUARDDUTY_DETECTOR, "pms-detector", enable=False)],
            [
                Violation(
                    "GuardDuty detector pms-detector has enable false; set enable=True "
                    "(164.308(a)(1)(ii)(D))",
                    urn(t.GUARDDUTY_DETECTOR, "pms-detector"),
                )
            ],
            id="fail-disabled",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
