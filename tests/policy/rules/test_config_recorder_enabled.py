import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.config.config_recorder_enabled import check as rule
from tests.policy.rules.builders import res, urn

RECORDER = res(t.CONFIG_RECORDER, "pms-recorder", name="pms-recorder", roleArn="arn:aws:iam::1:role/config")
CHANNEL = res(t.CONFIG_DELIVERY_CHANNEL, "pms-channel", name="pms-channel", s3BucketName="pms-audit")


def status(**props):
    return res(t.CONFIG_RECORDER_STATUS, "pms-recorder-status", name="pms-recorder", **props)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([RECORDER, CHANNEL, status(isEnabled=True)], [], id="pass-recording"),
        pytest.param(
            [CHANNEL, status(isEnabled=True)],
            [
                Violation(
                    "the stack declares no AWS Config configuration recorder, so drift between deploys goes "
                    "unrecorded; use the Monitoring component (164.308(a)(1)(ii)(D))"
                )
            ],
            id="fail-no-recorder",
        ),
        pytest.param(
            [RECORDER, status(isEnabled=True)],
            [
                Violation(
                    "the stack declares no AWS Config delivery channel, so the recorder cannot deliver; use "
                    "the Monitoring component or declare a DeliveryChannel (164.308(a)(1)(ii)(D))"
                )
            ],
            id="fail-no-channel",
        ),
        pytest.param(
            [RECORDER, CHANNEL],
            [
                Violation(
                    "configuration recorder pms-recorder has no RecorderStatus, so it never starts; "
                    "declare one with is_enabled=True (164.308(a)(1)(ii)(D))",
                    urn(t.CONFIG_RECORDER, "pms-recorder"),
                )
            ],
            id="fail-no-status",
        ),
        pytest.param(
            [RECORDER, CHANNEL, status(isEnabled=False)],
            [
                Violation(
                    "configuration recorder pms-recorder status isEnabled is false; set is_enabled=True "
                    "(164.308(a)(1)(ii)(D))",
                    urn(t.CONFIG_RECORDER_STATUS, "pms-recorder-status"),
                )
            ],
            id="fail-stopped",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
