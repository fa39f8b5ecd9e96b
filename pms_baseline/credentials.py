"""Which property names name a credential: one definition for the state reader, the plan converter and the
evidence bundle, so a password in a tag, an environment variable or a parameter is a secret everywhere."""

from __future__ import annotations

import re
from functools import lru_cache

# Matched against the name lower-cased with separators removed: masterPassword, secret_string, auth-token,
# PRIVATE_KEY, db_passwd all normalise to something containing one of these.
_SECRET_NAME = re.compile(r"passw(or)?d|passphrase|secret|token|privatekey|privkey|apikey|accesskey|credential")
_SEPARATORS = re.compile(r"[_\-\s.]")
# Settings whose names contain a credential word but hold a mode: EC2 metadata options' httpTokens is
# "required" or "optional" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html).
# An EFS file system's creationToken is its idempotency key, and the name pulumi-aws autonames it by, not a credential
# (https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html).
_SETTINGS = frozenset({"httptokens", "creationtoken"})
_IDENTIFIER = re.compile(r"(?:Ids?|ID|Arns?|ARN|Names?|Status|[_-](?:ids?|arns?|names?|status))$")


@lru_cache(maxsize=4096)
def is_secret_name(name: str) -> bool:
    """True for a property name that names a credential (``masterPassword``, ``secret_string``, ``DB_PASSWORD``).

    A name that ends like an identifier (``secretId``, ``masterUserSecretKmsKeyId``, ``secret_arn``,
    ``secretName``, ``secretStatus``) names a reference to a secret, not its value, and is not one.
    """
    if _IDENTIFIER.search(name):
        return False
    normal = _SEPARATORS.sub("", name.lower())
    return normal not in _SETTINGS and bool(_SECRET_NAME.search(normal))
