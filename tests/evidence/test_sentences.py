"""Evidence items read as sentences: the resource, the settings the rule read with their values, and what they
show; a rule lists only the resources it judged."""

import html

import pytest

from pms_baseline.evidence import build_bundle
from pms_baseline.judge import judged
from pms_baseline.loader import load_state
from pms_baseline_pack.rules import by_id
from tests.evidence.common import EXPORTS

STATE = EXPORTS / "clinic-prod-v3.json"
KEY = "arn:aws:kms:us-east-1:123456789012:key/2f6e0b3c-8a1d-4b7e-9f2c-5d4a3b2c1e0f"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("sentences") / "bundle"
    model = build_bundle(STATE, out).model
    return model, {r["id"]: r for r in model["rules"]}, (out / "index.html").read_text()


def _sentences(rules, rule_id):
    return {item["name"]: item["sentence"] for item in rules[rule_id]["evidence"]}


def _finding(model, rule_id, name):
    return next(f["id"] for f in model["gate"]["findings"]
                if f["rule"] == rule_id and f["resource"]["name"] == name)


def test_a_passed_item_names_the_resource_settings_values_and_what_they_show(bundle):
    _, rules, _ = bundle
    assert _sentences(rules, "rds-instance-storage-encrypted") == {
        "clinic-db": "Amazon RDS instance clinic-db (aws:rds/instance:Instance) has kmsKeyId = "
                     f"{KEY} (KMS key clinic-key) and storageEncrypted = true, which shows that RDS instance storage "
                     "is encrypted with a customer-managed KMS key (164.312(a)(2)(iv))."
    }


def test_a_failed_item_says_what_it_does_not_show_and_names_its_finding(bundle):
    model, rules, _ = bundle
    assert _sentences(rules, "s3-bucket-kms-encrypted") == {
        "records": "Amazon S3 bucket V2 records (aws:s3/bucketV2:BucketV2) has serverSideEncryptionConfiguration = "
                   "unset, which does not show that S3 buckets encrypt objects by default with a customer-managed KMS "
                   f"key (164.312(a)(2)(iv)): finding {_finding(model, 's3-bucket-kms-encrypted', 'records')}."
    }


def test_a_secret_the_rule_read_is_shown_as_secret(bundle):
    _, rules, _ = bundle
    sentence = _sentences(rules, "rds-instance-master-password-managed")["clinic-db"]
    assert "password = [secret]" in sentence and "Pl41n-Rds-Passw0rd!" not in sentence


def test_a_rule_lists_only_the_resources_it_judged(bundle):
    model, rules, _ = bundle
    resources = judged(load_state(STATE))
    failing = {(f["rule"], f["resource"]["urn"]) for f in model["gate"]["findings"]}
    for rule_id, rule in rules.items():
        types = set(by_id()[rule_id].resource_types)
        urns = [item["urn"] for item in rule["evidence"]]
        if rule["kind"] == "resource":
            # Every resource of its types, and nothing else.
            assert urns == [r.urn for t in dict.fromkeys(by_id()[rule_id].resource_types) for r in resources
                            if r.type == t], rule_id
        else:
            # A resource of its types it read, or one it has a finding on; never context it only glanced at.
            assert all(item["type"] in types or (rule_id, item["urn"]) in failing for item in rule["evidence"])
    # The BAA rule reads every resource's tags to tell a test stack, yet lists only the types it judges.
    assert "pulumi:providers:aws" not in {item["type"] for item in rules["baa-services-eligible"]["evidence"]}


def test_the_page_shows_the_sentences_not_property_dumps(bundle):
    _, rules, page = bundle
    for rule_id in ("rds-instance-storage-encrypted", "s3-bucket-kms-encrypted"):
        for sentence in _sentences(rules, rule_id).values():
            assert html.escape(sentence, quote=True) in page
    assert "storageEncrypted=true" not in page
