"""IAM Access Analyzer read live under iam-access-analyzer-present, per Region (ListAnalyzers), and an analyzer's
type compared with the state. moto answers ListAnalyzers with 404 "Not yet implemented", so
access_analyzer_answers.py answers it as AWS would."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.access_analyzer_answers import analyzer, answer_analyzers, answer_declared
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

RULE = "iam-access-analyzer-present"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def exercise(account):
    """An account analyzer in the Region (ListAnalyzers, answered: moto has none to create)."""
    return answer_analyzers(account.session, [analyzer()])


def test_a_region_with_an_analyzer_passes(account):
    assert exercise(account) == []
    assert findings(account, RULE) == []


def test_a_region_without_an_analyzer_is_a_finding(account):
    answered = answer_analyzers(account.session, [])
    assert findings(account, RULE) == [(
        "access-analyzer-us-east-1", R + "the stack declares no IAM Access Analyzer, so resources shared outside the "
        "account go unnoticed; use the AccountGuardrails component (164.308(a)(1)(ii)(D))")]
    assert answered == ["ListAnalyzers"]


def test_an_unreadable_listing_is_no_verdict(account):
    assert findings(account, RULE) == []


def test_an_analyzer_of_another_type_is_drift(account):
    answer_analyzers(account.session, [analyzer(kind="ORGANIZATION")])
    state = state_of(resource(t.ACCESS_ANALYZER, "analyzer", "pms", analyzerName="pms", type="ACCOUNT"))
    assert findings(account, "live-setting-drift", state) == [
        ("analyzer", "analyzer: type is 'ORGANIZATION' in the account, 'ACCOUNT' in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_analyzer_is_missing(account):
    answer_analyzers(account.session, [])
    state = state_of(resource(t.ACCESS_ANALYZER, "analyzer", "pms", analyzerName="pms", type="ACCOUNT"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["analyzer"]


def test_the_analyzers_a_state_declares_are_answered(account):
    state = state_of(resource(t.ACCESS_ANALYZER, "analyzer", "pms", analyzerName="pms", type="ACCOUNT"))
    answer_declared(account.session, state)
    assert findings(account, RULE, state) == []
    assert findings(account, "live-resource-missing", state) == []
