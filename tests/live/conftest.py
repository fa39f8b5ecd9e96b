"""moto fixtures for the live checks: the baseline program realized in a fresh emulated account per test."""

import boto3
import moto
import pytest

from pms_baseline.emulate import realize
from pms_baseline.live.runner import state_regions, verify
from pms_baseline.preview import preview_function
from pms_baseline.state import parse_document
from tests.live import access_analyzer_answers, backup_answers
from tests.live.artifact import answer_agreements, answer_in_new_sessions
from tests.live.baseline_program import declared, program
from tests.live.organisation import enable_security_hub

REGION = "us-east-1"

# For the drift scenarios (test_drift_<service>.py): each changes the emulated account the way a person would
# (console or CLI) and asserts the exact findings verify reports, and nothing else.
R = f"{REGION}: "
"""How a regional finding's message begins."""
BUCKET = "pms-prod-audit-123456789012"
"""The audit trail's bucket in the baseline account."""


@pytest.fixture(autouse=True)
def artifact_answers(monkeypatch):
    """moto has neither AWS Artifact nor IAM Access Analyzer: `pms-baseline verify` against a moto server reads
    an accepted BAA here, and the account analyzer the emulated stacks declare (one per Region)."""
    answer_in_new_sessions(monkeypatch)
    from pms_baseline.live import runner

    made = runner.make_session

    def make(profile=None):
        session = made(profile)
        access_analyzer_answers.answer_analyzers(session, [
            access_analyzer_answers.analyzer(region=r) for r in ("us-east-1", "us-west-2")])
        return session

    monkeypatch.setattr(runner, "make_session", make)


@pytest.fixture(scope="session")
def baseline_document():
    """The hand-made baseline program's state document (previewed once)."""
    return preview_function(program, stack="prod")


class Emulated:
    """One emulated account: its deployed state, clients, and a verify that returns only findings."""

    def __init__(self, document):
        self.session = boto3.Session(region_name=REGION)
        answer_agreements(self.session)  # moto has no AWS Artifact: the account has accepted the BAA
        self.realized = realize(document, session=self.session, region=REGION)
        self.state = parse_document(self.realized.document)
        # What the state declares and moto cannot create, answered as the account would read it back: backup
        # selections, vault access policies, IAM Access Analyzer analyzers.
        backup_answers.answer_declared(self.session, self.state)
        access_analyzer_answers.answer_declared(self.session, self.state)
        # The organisation enables Security Hub where the account runs, not the baseline (organisation.py).
        enable_security_hub(self.session, (REGION, *state_regions(self.state)))

    def client(self, service):
        return self.session.client(service, region_name=REGION)

    def resource(self, name):
        """The deployed state's resource by logical name."""
        return next(r for r in self.state.resources if r.name == name)

    def verify(self, state=True, **kwargs):
        return verify(session=self.session, regions=[REGION], state=self.state if state else None, **kwargs)

    def findings(self, state=False):
        """(rule, message) of every finding, sorted, but those of what the program leaves out (NOT_DECLARED)."""
        return sorted(declared(self.verify(state=state).findings))


@pytest.fixture
def account(baseline_document):
    with moto.mock_aws():
        yield Emulated(baseline_document)
