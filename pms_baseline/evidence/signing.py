"""Ed25519 signatures over a bundle's manifest, with the ``cryptography`` library.

The signature covers the exact bytes of ``manifest.json``, which lists the SHA-256 of every other file of the
bundle and names the signing key by its fingerprint, so one signature check and one hash per file prove that
nothing was changed since the bundle was written. ``manifest.sig`` holds the 64 raw signature bytes, which
``openssl pkeyutl -verify -rawin`` checks too.

A key's fingerprint is ``sha256:`` and the SHA-256 of its public key as DER SubjectPublicKeyInfo, which
``openssl pkey -pubin -in KEY.pub.pem -outform DER | sha256sum`` prints.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from pms_baseline.errors import InputError

ALGORITHM = "Ed25519"
SIGNATURE_FILE = "manifest.sig"
PASSWORD_ENV = "PMS_BASELINE_SIGN_KEY_PASSWORD"
"""Where the password of an encrypted signing key is read from (never from the command line)."""


def _pem(path: str | Path, what: str) -> bytes:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file ({what})")
    return p.read_bytes()


def load_private_key(path: str | Path) -> Ed25519PrivateKey:
    """The Ed25519 private key in PEM file ``path`` (encrypted: password from ``$PMS_BASELINE_SIGN_KEY_PASSWORD``)."""
    data = _pem(path, "the signing key")
    try:
        try:
            key = serialization.load_pem_private_key(data, None)
        except TypeError:  # encrypted
            password = os.environ.get(PASSWORD_ENV)
            if not password:
                raise InputError(f"{path}: the key is encrypted; put its password in ${PASSWORD_ENV}") from None
            key = serialization.load_pem_private_key(data, password.encode())
    except (ValueError, UnsupportedAlgorithm):
        raise InputError(f"{path}: not a PEM private key, or not the password in ${PASSWORD_ENV}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(f"{path}: a {type(key).__name__.removeprefix('_')} key; evidence is signed with Ed25519 "
                         "(openssl genpkey -algorithm ed25519 -out KEY.pem)")
    return key


def load_public_key(path: str | Path) -> Ed25519PublicKey:
    """The Ed25519 public key in PEM file ``path``."""
    data = _pem(path, "the public key")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise InputError(f"{path}: not a PEM public key (openssl pkey -in KEY.pem -pubout)") from None
    if not isinstance(key, Ed25519PublicKey):
        raise InputError(f"{path}: not an Ed25519 public key")
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "sha256:" + hashlib.sha256(der).hexdigest()


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def signature_valid(key: Ed25519PublicKey, data: bytes, signature: bytes) -> bool:
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True
