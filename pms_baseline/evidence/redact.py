"""Redaction: what the evidence bundle shows of a resource's raw properties, with nothing secret left in it.

Works on the RAW state document, not on ``Resource.props`` (which unwraps plaintext secrets for the rules):

- a Pulumi secret envelope (``{"4dabf1...": "1b47061...", "ciphertext" | "plaintext" | "value": ...}``)
  becomes ``[secret]``, whatever it wraps;
- a property named like a credential (password, secret, token, private key, passphrase, credential, access or
  API key; case-insensitive, camelCase, snake_case or kebab-case; not an identifier such as ``secretArn`` or
  ``masterUserSecretKmsKeyId``) becomes ``[secret]`` when its value is a
  string or a container. Booleans and numbers stay: they are settings, and the evidence for them matters
  (``manageMasterUserPassword: true``, ``minimumPasswordLength: 14``);
- a ``{"name": <credential-like>, "value": ...}`` pair (container environments) hides its value;
- a string holding a JSON document (container definitions, policies) is redacted inside.

Every string that was hidden is remembered in ``Redactor.hidden`` so free text from elsewhere (finding
messages) can be swept for it.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from pms_baseline.credentials import is_secret_name  # one definition, shared with the state reader
from pms_baseline.state import BOOKKEEPING, RESOURCE_SIG, SECRET_SIG, SIG_KEY, SWEEP_MIN_LENGTH, UNKNOWN_VALUE

REDACTED = "[secret]"
UNKNOWN_TEXT = "[unknown]"

# Strings shorter than this are not swept from free text ("1" or "yes" would blank unrelated words); the state
# reader's marking is what keeps those out of messages.
MIN_SWEEP_LENGTH = SWEEP_MIN_LENGTH


_SECRET_NAMES: dict[str, bool] = {}


def _secret_name(name: str) -> bool:
    """``is_secret_name``, remembered: a state repeats the same few hundred property names on every resource."""
    known = _SECRET_NAMES.get(name)
    if known is None:
        known = _SECRET_NAMES[name] = is_secret_name(name)
    return known


def is_envelope(value: Any) -> bool:
    return isinstance(value, dict) and value.get(SIG_KEY) == SECRET_SIG


class Redactor:
    """Redacts raw property trees; collects the plaintext it hid for a final sweep of free text."""

    def __init__(self) -> None:
        self.hidden: set[str] = set()
        self._sweep_order: list[str] | None = None
        self._swept: dict[str, str] = {}  # the same text (a rule's remediation) recurs in every finding of the rule

    def _remember(self, value: Any) -> None:
        """Collect every string leaf of a hidden value (an envelope's JSON text and what it decodes to)."""
        if isinstance(value, str):
            if len(value) >= MIN_SWEEP_LENGTH:
                self.hidden.add(value)
            if value[:1] in ('"', "{", "["):
                with contextlib.suppress(ValueError):
                    self._remember(json.loads(value))
        elif isinstance(value, dict):
            for k, v in value.items():
                if k != SIG_KEY:
                    self._remember(v)
        elif isinstance(value, list):
            for v in value:
                self._remember(v)

    def _hide(self, value: Any) -> str:
        if is_envelope(value):
            self._remember(value.get("plaintext"))
            self._remember(value.get("value"))
        else:
            self._remember(value)
        return REDACTED

    def value(self, value: Any, name: str = "") -> Any:
        """The redacted form of one property value; ``name`` is the property's name, if it has one."""
        if is_envelope(value):
            return self._hide(value)
        if name and _secret_name(name) and not isinstance(value, (bool, int, float)) and value is not None:
            return self._hide(value)
        if isinstance(value, dict):
            if value.get(SIG_KEY) == RESOURCE_SIG:
                return value.get("id") or value.get("urn") or UNKNOWN_TEXT
            pair_name = value.get("name")
            hide_pair = isinstance(pair_name, str) and _secret_name(pair_name)
            out = {}
            for k, v in value.items():
                if k in BOOKKEEPING:
                    continue
                if hide_pair and k in ("value", "valueFrom") and not isinstance(v, (bool, int, float)):
                    out[k] = self._hide(v)
                else:
                    out[k] = self.value(v, k)
            return out
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, str):
            if value == UNKNOWN_VALUE:
                return UNKNOWN_TEXT
            if value[:1] in ("{", "[") and value[-1:] in ("}", "]"):
                return self._embedded(value)
        return value

    def _embedded(self, text: str) -> str:
        """A string holding JSON (a container definition, a policy): redact inside it, keep it a string."""
        try:
            decoded = json.loads(text)
        except ValueError:
            return text
        redacted = self.value(decoded)
        return text if redacted == decoded else json.dumps(redacted, sort_keys=True)

    def properties(self, raw: Any) -> dict[str, Any]:
        """A raw ``inputs`` or ``outputs`` object, redacted (bookkeeping keys dropped)."""
        if not isinstance(raw, dict):
            return {}
        return {k: self.value(v, k) for k, v in raw.items() if k not in BOOKKEEPING}

    def resource(self, item: dict[str, Any]) -> dict[str, Any]:
        """A raw resource's properties as the rules see them (inputs over outputs), redacted."""
        merged = self.properties(item.get("outputs"))
        merged.update(self.properties(item.get("inputs")))
        return merged

    def sweep(self, text: str) -> str:
        """Free text (a finding's message) with any hidden value replaced by ``[secret]``."""
        if len(text) < MIN_SWEEP_LENGTH or not self.hidden:  # shorter than any hidden value: nothing to find
            return text
        if self._sweep_order is None or len(self._sweep_order) != len(self.hidden):
            # Longest first, so a secret that contains another is hidden whole.
            self._sweep_order = sorted(self.hidden, key=len, reverse=True)
            self._swept = {}
        swept = self._swept.get(text)
        if swept is None:
            swept = text
            for secret in self._sweep_order:
                if secret in swept:
                    swept = swept.replace(secret, REDACTED)
            self._swept[text] = swept
        return swept

    def sweep_tree(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.sweep(value)
        if isinstance(value, dict):
            return {k: self.sweep_tree(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.sweep_tree(v) for v in value]
        return value
