"""Names that contain a credential word but name a setting are not secrets; the credential names around them are."""

import pytest

from pms_baseline.credentials import is_secret_name


@pytest.mark.parametrize("name", ["httpTokens", "http_tokens"])
def test_the_metadata_token_mode_is_a_setting(name):
    assert is_secret_name(name) is False


@pytest.mark.parametrize("name", ["authToken", "httpTokenValue", "accessTokens", "apiToken"])
def test_token_credentials_stay_secret(name):
    assert is_secret_name(name) is True


@pytest.mark.parametrize("name", ["creationToken", "creation_token"])
def test_the_efs_creation_token_is_an_idempotency_key(name):
    """pulumi-aws autonames a file system by it: marked secret, every finding would name the file system [secret]."""
    assert is_secret_name(name) is False
