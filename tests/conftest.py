"""Suite-wide settings: fake AWS credentials before anything can make a client, and shared paths."""

import os

import pytest

from tests.helpers import REPO_ROOT

# No test may reach a real account: fake credentials for the whole suite, set before any boto3 client exists.
for _key, _value in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    # moto otherwise loads its catalogue of public AMIs with a snapshot each, owned by the emulated account
    # (1,301 a region), which no real account holds: verify would read each one's sharing.
    "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
}.items():
    os.environ[_key] = _value
os.environ.pop("AWS_PROFILE", None)


@pytest.fixture(autouse=True, scope="session")
def moto_answers_what_it_lacks():
    """The reads verify makes that moto does not implement, answered from moto's state (as ``emulate`` does)."""
    from pms_baseline.emulate import moto_gaps

    moto_gaps.install()


@pytest.fixture(scope="session")
def repo_root():
    return REPO_ROOT
