"""SageMaker notebook instances and endpoint configurations read live: KMS encryption of their storage and the
notebook's direct internet access under the pre-deploy rules' ids, and drift of the notebook against the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.denials import denied, deny
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

KEY = "arn:aws:kms:us-east-1:123456789012:key/0b1d2c3a-1111-2222-3333-444455556666"
ROLE = "arn:aws:iam::123456789012:role/pms-notebook"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def notebook(account, name="claims-analysis", key=KEY, internet="Disabled"):
    extra = {"KmsKeyId": key} if key else {}
    account.client("sagemaker").create_notebook_instance(
        NotebookInstanceName=name, InstanceType="ml.t3.medium", RoleArn=ROLE, DirectInternetAccess=internet,
        **extra)


def endpoint_configuration(account, name="claims-model", key=KEY):
    sm = account.client("sagemaker")
    sm.create_model(ModelName="claims-model", ExecutionRoleArn=ROLE,
                    PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/claims:1"})
    extra = {"KmsKeyId": key} if key else {}
    sm.create_endpoint_config(EndpointConfigName=name, ProductionVariants=[{
        "VariantName": "main", "ModelName": "claims-model", "InitialInstanceCount": 1,
        "InstanceType": "ml.m5.large"}], **extra)


def exercise(account):
    """One notebook instance and one endpoint configuration: verify lists and describes both
    (sagemaker:ListNotebookInstances, DescribeNotebookInstance, ListEndpointConfigs, DescribeEndpointConfig)."""
    notebook(account)
    endpoint_configuration(account)


def test_an_encrypted_notebook_passes(account):
    notebook(account)
    assert findings(account, "sagemaker-notebook-instance-kms-encrypted") == []


def test_a_notebook_without_a_key_is_a_finding(account):
    notebook(account, key=None)
    assert findings(account, "sagemaker-notebook-instance-kms-encrypted") == [(
        "claims-analysis", R + "notebook instance claims-analysis: kmsKeyId is unset; set kms_key_id to a "
        "customer-managed KMS key so the notebook's storage volume is encrypted with it (164.312(a)(2)(iv))")]


def test_a_notebook_without_direct_internet_access_passes(account):
    notebook(account)
    assert findings(account, "sagemaker-notebook-no-direct-internet-access") == []


def test_a_notebook_with_direct_internet_access_is_a_finding(account):
    notebook(account, internet="Enabled")
    assert findings(account, "sagemaker-notebook-no-direct-internet-access") == [(
        "claims-analysis", R + "notebook instance claims-analysis: directInternetAccess is Enabled; set "
        "direct_internet_access=\"Disabled\" and place the notebook in a private subnet (164.312(a)(1))")]


def test_an_encrypted_endpoint_configuration_passes(account):
    endpoint_configuration(account)
    assert findings(account, "sagemaker-endpoint-configuration-kms-encrypted") == []


def test_an_endpoint_configuration_without_a_key_is_a_finding(account):
    endpoint_configuration(account, key=None)
    assert findings(account, "sagemaker-endpoint-configuration-kms-encrypted") == [(
        "claims-model", R + "endpoint configuration claims-model: kmsKeyArn is unset; set kms_key_arn to a "
        "customer-managed KMS key so the endpoint's storage volumes are encrypted with it (164.312(a)(2)(iv))")]


def test_direct_internet_access_turned_on_is_drift(account):
    notebook(account, internet="Enabled")
    state = state_of(resource(t.SAGEMAKER_NOTEBOOK_INSTANCE, "claims-analysis", "claims-analysis",
                              directInternetAccess="Disabled", instanceType="ml.t3.medium"))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-analysis",
         "claims-analysis: directInternetAccess is 'Enabled' in the account, 'Disabled' in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_notebook_is_missing(account):
    state = state_of(resource(t.SAGEMAKER_NOTEBOOK_INSTANCE, "claims-analysis", "claims-analysis",
                              directInternetAccess="Disabled"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-analysis"]


def test_a_notebook_that_cannot_be_described_is_not_judged(account):
    notebook(account, key=None, internet="Enabled")
    deny(account.session, "sagemaker", "DescribeNotebookInstance")
    result = verify(session=account.session, regions=["us-east-1"])
    assert [f.message for f in result.findings if f.rule.startswith("sagemaker-")] == []
    assert [f.message for f in result.findings if f.rule == "live-api-access-denied"] == [
        denied("sagemaker:DescribeNotebookInstance")]
