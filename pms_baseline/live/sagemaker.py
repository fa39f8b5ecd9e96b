"""SageMaker notebook instances and endpoint configurations read live: storage encrypted with a KMS key
(sagemaker-notebook-instance-kms-encrypted, sagemaker-endpoint-configuration-kms-encrypted) and no direct internet
access from a notebook (sagemaker-notebook-no-direct-internet-access), with the notebook's settings compared with
the state.

https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListNotebookInstances.html
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html (KmsKeyId,
DirectInternetAccess Enabled or Disabled, RootAccess, SubnetId)
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListEndpointConfigs.html
https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html (KmsKeyId: the key the
engine calls kmsKeyArn)

A notebook or endpoint configuration whose describe call fails has its settings unreadable, so no rule judges it.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t


@collector("sagemaker")
def collect(live, inv: Inventory) -> None:
    sm = live.client("sagemaker", inv.region)
    notebooks = inv.read(lambda: list(live.pages(sm, "list_notebook_instances", "NotebookInstances")))
    configs = inv.read(lambda: list(live.pages(sm, "list_endpoint_configs", "EndpointConfigs")))
    inv.complete = readable(notebooks, configs)
    inv.items["notebook_instances"] = [
        {"Name": n["NotebookInstanceName"], "Arn": n.get("NotebookInstanceArn"),
         "Description": inv.read(lambda n=n: live.call(
             sm, "describe_notebook_instance", NotebookInstanceName=n["NotebookInstanceName"]))}
        for n in (notebooks if readable(notebooks) else [])
    ]
    inv.items["endpoint_configurations"] = [
        {"Name": c["EndpointConfigName"], "Arn": c.get("EndpointConfigArn"),
         "Description": inv.read(lambda c=c: live.call(
             sm, "describe_endpoint_config", EndpointConfigName=c["EndpointConfigName"]))}
        for c in (configs if readable(configs) else [])
    ]


def notebook_props(item: dict) -> dict:
    """A notebook instance's description in the engine's property names."""
    d = item["Description"]
    if not readable(d):
        return {"name": item["Name"], "kmsKeyId": UNREADABLE, "directInternetAccess": UNREADABLE}
    return {
        "name": d.get("NotebookInstanceName"),
        "arn": d.get("NotebookInstanceArn"),
        "instanceType": d.get("InstanceType"),
        "kmsKeyId": d.get("KmsKeyId"),
        "directInternetAccess": d.get("DirectInternetAccess"),
        "rootAccess": d.get("RootAccess"),
        "subnetId": d.get("SubnetId"),
        "volumeSize": d.get("VolumeSizeInGB"),
    }


def endpoint_configuration_props(item: dict) -> dict:
    """An endpoint configuration's description in the engine's property names."""
    d = item["Description"]
    if not readable(d):
        return {"name": item["Name"], "kmsKeyArn": UNREADABLE}
    return {"name": d.get("EndpointConfigName"), "arn": d.get("EndpointConfigArn"), "kmsKeyArn": d.get("KmsKeyId")}


reader(
    t.SAGEMAKER_NOTEBOOK_INSTANCE, "sagemaker", "notebook_instances", "notebook instance",
    name=lambda item: item["Name"],
    ids=lambda item: (item["Name"], item.get("Arn")),
    props=notebook_props,
    rules=("sagemaker-notebook-instance-kms-encrypted", "sagemaker-notebook-no-direct-internet-access"),
    compare=("directInternetAccess", "rootAccess", "instanceType"),
)
reader(
    t.SAGEMAKER_ENDPOINT_CONFIGURATION, "sagemaker", "endpoint_configurations", "endpoint configuration",
    name=lambda item: item["Name"],
    ids=lambda item: (item["Name"], item.get("Arn")),
    props=endpoint_configuration_props,
    rules=("sagemaker-endpoint-configuration-kms-encrypted",),
)
