import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.rds.rds_instance_parameter_group_forces_tls import check as rule
from tests.policy.rules.builders import res, urn


def db(**props):
    return res(t.RDS_INSTANCE, "pms-db", engine="postgres", **props)


def group(value, name="pms-db-params-1a2b3c4"):
    params = [{"name": "log_connections", "value": "1"}]
    if value is not None:
        params.append({"name": "rds.force_ssl", "value": value, "applyMethod": "pending-reboot"})
    return res(t.RDS_PARAMETER_GROUP, "pms-db-params", name=name, family="postgres16", parameters=params)


DB = urn(t.RDS_INSTANCE, "pms-db")
GROUP = urn(t.RDS_PARAMETER_GROUP, "pms-db-params")


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([db(parameterGroupName="pms-db-params-1a2b3c4"), group("1")], [], id="pass-force-ssl"),
        pytest.param([db(parameterGroupName="pms-db-params-1a2b3c4"), group(1.0)], [], id="pass-numeric"),
        pytest.param(
            [
                res(t.RDS_INSTANCE, "my", engine="mysql", parameterGroupName="g"),
                res(
                    t.RDS_PARAMETER_GROUP,
                    "g",
                    name="g",
                    parameters=[{"name": "require_secure_transport", "value": "ON"}],
                ),
            ],
            [],
            id="pass-mysql",
        ),
        pytest.param(
            [res(t.RDS_INSTANCE, "ora", engine="oracle-ee")], [], id="pass-engine-without-parameter"
        ),
        pytest.param(
            [db(parameterGroupName="pms-db-params-1a2b3c4"), group("0")],
            [
                Violation(
                    "parameter group pms-db-params-1a2b3c4 sets rds.force_ssl to 0; set rds.force_ssl=1 so "
                    "the database refuses unencrypted connections (164.312(e)(1))",
                    GROUP,
                )
            ],
            id="fail-force-ssl-off",
        ),
        pytest.param(
            [db(parameterGroupName="pms-db-params-1a2b3c4"), group(None)],
            [
                Violation(
                    "parameter group pms-db-params-1a2b3c4 sets rds.force_ssl to unset; set "
                    "rds.force_ssl=1 so the database refuses unencrypted connections (164.312(e)(1))",
                    GROUP,
                )
            ],
            id="fail-force-ssl-missing",
        ),
        pytest.param(
            [db()],
            [
                Violation(
                    "parameterGroupName is unset, so the instance uses the engine's default parameter "
                    "group; give it a parameter group that sets rds.force_ssl=1 (164.312(e)(1))",
                    DB,
                )
            ],
            id="fail-default-group",
        ),
        pytest.param(
            [db(parameterGroupName="shared-params")],
            [
                Violation(
                    "parameterGroupName is shared-params, a parameter group this stack does not declare, "
                    "so TLS enforcement cannot be verified; declare the group with rds.force_ssl=1 "
                    "(164.312(e)(1))",
                    DB,
                )
            ],
            id="fail-undeclared-group",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
