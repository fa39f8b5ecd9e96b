"""A state document as the plan JSON `terraform show -json` writes, so plan scanners judge our stacks.

pulumi-aws is bridged from the Terraform AWS provider: a Pulumi resource's properties are the Terraform
resource's attributes in camelCase, MaxItems=1 blocks flattened to objects and block lists pluralized. This
module undoes exactly that, per resource:

- the type token becomes the Terraform type (``aws:rds/instance:Instance`` -> ``aws_db_instance``): a derived
  rule (module prefix + member in snake_case, ``V2`` dropped) with an override table for the irregular names;
- property names go back to snake_case; a block list Pulumi pluralized goes back to its singular Terraform
  name (``rules`` -> ``rule``), a flattened block back into a one-element list; maps (``tags``) stay maps;
- a value that is another resource's output (found through ``propertyDependencies`` and equal to that
  resource's id, ARN or name) is unknown until apply in a plan that creates the stack, so it is left out of
  ``values``, marked in ``after_unknown`` and written as a ``references`` expression in ``configuration``;
  checkov builds its resource graph (a bucket and its public access block) from those references;
- secrets and preview unknowns are never written: secrets are marked in ``sensitive_values``, unknowns in
  ``after_unknown``; an unknown that comes from another resource (it has a property dependency) is written as
  Terraform writes it, a ``references`` expression to that resource. ``Plan.unknown`` lists, per address, the
  attributes the program set whose values the state does not know (not the references to known values, nor
  the computed outputs, that any creating plan marks unknown), so the checkov bridge can tell a check that
  judged an unknown setting from one that did not.

Component resources, providers and non-AWS resources have no Terraform counterpart and are left out
(``Plan.skipped`` lists them).
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from typing import Any

from pms_baseline.credentials import is_secret_name
from pms_baseline.errors import InputError
from pms_baseline.state import (
    BOOKKEEPING,
    RESOURCE_SIG,
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN_VALUE,
    Resource,
    StateDocument,
)
from pms_baseline.tfnames import (  # noqa: F401  (terraform_type: a public name callers import from here)
    MAP_ATTRIBUTES,
    SCHEMA_VERSIONS,
    SENSITIVE_PROPERTIES,
    attribute_name,
    snake_case,
    terraform_type,
)

FORMAT_VERSION = "1.2"
TERRAFORM_VERSION = "1.9.8"
"""The Terraform release whose plan format we write; checkov ignores a plan file without a version."""
PROVIDER_NAME = "registry.terraform.io/hashicorp/aws"

# Output names that identify a resource; a dependent's value equal to one of them is a reference to it.
_IDENTITY_KEYS = ("arn", "name", "bucket", "keyId")
_IDENTITY_SUFFIXES = ("Arn", "Id", "Name")


class _Hidden:
    """A value the plan must not show: a secret or an unknown."""

    def __init__(self, kind: str) -> None:
        self.kind = kind


_SECRET = _Hidden("secret")
_UNKNOWN = _Hidden("unknown")


class _Ref:
    """A value that is another resource's output: unknown in the plan, a reference in the configuration.
    ``unknown``: the state does not know the value either (a preview's unknown), not just the plan."""

    def __init__(self, refs: list[str], unknown: bool = False) -> None:
        self.refs = refs
        self.unknown = unknown


def _raw(value: Any) -> Any:
    """Engine values with secrets and unknowns marked (an export's secret plaintext is dropped). A credential
    given in plain text is a secret too: a value under a credential-like name (a ``db-password`` tag, an
    ``SMTP_PASSWORD`` environment variable), the value of a ``{"name": "DB_PASSWORD", "value": ...}`` pair, and
    the same inside a string that holds JSON (container definitions)."""
    if isinstance(value, dict):
        sig = value.get(SIG_KEY)
        if sig == SECRET_SIG:
            return _SECRET
        if sig == RESOURCE_SIG:
            return value.get("id") or value.get("urn") or _UNKNOWN
        pair = value.get("name")
        credential_pair = isinstance(pair, str) and is_secret_name(pair)
        out = {}
        for k, v in value.items():
            if k in BOOKKEEPING:
                continue
            hide = (credential_pair and k in ("value", "valueFrom")) or (
                is_secret_name(k) and isinstance(v, (str, dict, list)) and v != "")
            out[k] = _SECRET if hide else _raw(v)
        return out
    if isinstance(value, list):
        return [_raw(v) for v in value]
    if value == UNKNOWN_VALUE:
        return _UNKNOWN
    if isinstance(value, str) and value[:1] in ("{", "[") and value[-1:] in ("}", "]"):
        return _embedded(value)
    return value


def _embedded(text: str) -> Any:
    """A string holding JSON, with the credentials inside it hidden (the whole string secret if one was)."""
    try:
        decoded = json.loads(text)
    except ValueError:
        return text
    cleaned = _raw(decoded)
    if cleaned == decoded:
        return text
    return _SECRET


def _merge(output: Any, given: Any) -> Any:
    """Inputs over outputs, except that a value secret on either side stays secret (a provider marks its
    sensitive attributes secret in the outputs even when the program passed them in plain text)."""
    if output is _SECRET or given is _SECRET:
        return _SECRET
    if isinstance(output, dict) and isinstance(given, dict):
        return {k: _merge(output.get(k), given[k]) if k in output else given[k] for k in given} | {
            k: v for k, v in output.items() if k not in given
        }
    return given


def _props(resource: Resource) -> dict[str, Any]:
    props = _merge(_raw(resource.raw.get("outputs") or {}), _raw(resource.raw.get("inputs") or {}))
    for prop in SENSITIVE_PROPERTIES.get(resource.type.split(":")[1].split("/")[0], ()):
        if prop in props:
            props[prop] = _SECRET
    return props


@dataclass
class Plan:
    """A converted document: the plan JSON and how its addresses map back to the state's resources."""

    document: dict[str, Any]
    resources: dict[str, Resource] = field(default_factory=dict)
    """Plan address -> the state resource it came from."""
    skipped: list[Resource] = field(default_factory=list)
    """Custom resources with no Terraform type (providers and components are not counted)."""
    unknown: dict[str, list[str]] = field(default_factory=dict)
    """Plan address -> attributes the program set whose values the state does not know
    (``logging[0].target_bucket``)."""

    def text(self) -> str:
        return json.dumps(self.document, indent=2, sort_keys=False) + "\n"


def _tf_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"r_{cleaned}"


class _Converter:
    def __init__(self, resource: Resource, tf_type: str, identities: dict[str, dict[str, list[str]]]) -> None:
        self.resource = resource
        self.tf_type = tf_type
        self.identities = identities  # urn -> {value: [references]}

    def _dependencies(self, prop: str) -> list[str]:
        deps = self.resource.property_dependencies
        if deps:
            return list(deps.get(prop, []))
        # an export without propertyDependencies: any dependency may be the source
        return list(self.resource.dependencies)

    def _lookup(self, prop: str) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for urn in self._dependencies(prop):
            for value, refs in self.identities.get(urn, {}).items():
                table.setdefault(value, refs)
        return table

    def _mark(self, value: Any, table: dict[str, list[str]], hint: str) -> Any:
        suffix = next((s for s in ("arn", "id", "name") if hint.lower().rstrip("s").endswith(s)), "")
        if isinstance(value, str) and value in table:
            refs = table[value]
            ref = next((r for r in refs if suffix and r.endswith(f".{suffix}")), refs[0])
            return _Ref([ref, ref.rsplit(".", 1)[0]])
        if value is _UNKNOWN:
            # Unknown because it comes from a resource the plan creates: Terraform writes the reference.
            addresses = dict.fromkeys(r.rsplit(".", 1)[0] for refs in table.values() for r in refs)
            return _Ref([x for a in addresses for x in (f"{a}.{suffix or 'id'}", a)], unknown=True)
        if isinstance(value, dict):
            return {k: self._mark(v, table, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self._mark(v, table, hint) for v in value]
        return value

    def _contained(self, prop: str, value: Any) -> list[str]:
        """References for a known value built from other resources' outputs (a policy naming a bucket ARN)."""
        text = json.dumps(value) if not isinstance(value, str) else value
        refs: list[str] = []
        for urn in self._dependencies(prop):
            found = sorted((v for v in self.identities.get(urn, {}) if v in text), key=len, reverse=True)
            if found:
                ref = self.identities[urn][found[0]][0]
                refs.extend([ref, ref.rsplit(".", 1)[0]])
        return refs

    def _shape(self, name: str, value: Any) -> Any:
        """Terraform's shape for a value: blocks as lists of objects, maps as maps."""
        if isinstance(value, dict):
            if name in MAP_ATTRIBUTES:
                return {k: v for k, v in value.items()}
            return [self._block(value)]
        if isinstance(value, list):
            return [self._block(v) if isinstance(v, dict) else v for v in value]
        return value

    def _block(self, obj: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for prop, value in obj.items():
            name = attribute_name(self.tf_type, prop, value)
            out[name] = self._shape(name, value)
        return out

    def convert(self) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any], list[str], list[str]]:
        """values, after_unknown, sensitive_values, expressions, the referenced addresses, and the paths of the
        attributes the program set whose values the state does not know."""
        body: dict[str, Any] = {}
        contained: dict[str, list[str]] = {}
        given: set[str] = set()
        inputs = self.resource.raw.get("inputs") or {}
        for prop, value in _props(self.resource).items():
            if prop == "id":
                continue
            table = self._lookup(prop)
            marked = self._mark(value, table, prop) if table else value
            name = attribute_name(self.tf_type, prop, value)
            body[name] = self._shape(name, marked)
            if prop in inputs:
                given.add(name)
            items = value if isinstance(value, list) else [value]
            if table and not any(isinstance(v, (dict, list, _Hidden)) for v in items):
                contained[name] = self._contained(prop, value)
        referenced: list[str] = []
        not_known: list[str] = []
        values, unknown, sensitive, expressions = _split(body, referenced, not_known)
        for name, refs in contained.items():
            if refs and name not in expressions:
                expressions[name] = {"references": refs}
                referenced.extend(refs[1::2])
        unknown.setdefault("id", True)  # assigned by the provider on create
        # An output the program did not set (an ARN, an endpoint) is unknown in any plan that creates the
        # resource, and checks are written for that; only a setting left unknown must not be judged.
        not_known = [p for p in not_known if re.split(r"[.\[]", p, maxsplit=1)[0] in given]
        return values, unknown, sensitive, expressions, referenced, not_known


def _split(obj: dict[str, Any], referenced: list[str], not_known: list[str],
           path: str = "") -> tuple[dict, dict, dict, dict]:
    """Separate known values from unknowns, secrets and references, keeping Terraform's nesting for each; the
    paths of the values the state does not know go to ``not_known``."""
    values: dict[str, Any] = {}
    unknown: dict[str, Any] = {}
    sensitive: dict[str, Any] = {}
    expressions: dict[str, Any] = {}
    for key, value in obj.items():
        at = f"{path}.{key}" if path else key
        if value is _UNKNOWN or (isinstance(value, _Ref) and value.unknown):
            not_known.append(at)
        if isinstance(value, _Hidden):
            (sensitive if value is _SECRET else unknown)[key] = True
        elif isinstance(value, _Ref):
            unknown[key] = True
            expressions[key] = {"references": value.refs}
            referenced.extend(value.refs[1:])
        elif isinstance(value, list):
            v, u, s, e = _split_list(value, referenced, not_known, at)
            values[key] = v
            if any(x not in (False, {}) for x in u):
                unknown[key] = u
            if any(x not in (False, {}) for x in s):
                sensitive[key] = s
            if e is not None:
                expressions[key] = e
        elif isinstance(value, dict):  # a map
            v, u, s, _ = _split(value, referenced, not_known, at)
            values[key] = v
            if u:
                unknown[key] = u
            if s:
                sensitive[key] = s
        else:
            values[key] = value
    return values, unknown, sensitive, expressions


def _split_list(items: list[Any], referenced: list[str], not_known: list[str],
                path: str) -> tuple[list, list, list, Any]:
    values: list[Any] = []
    unknown: list[Any] = []
    sensitive: list[Any] = []
    block_exprs: list[dict[str, Any]] = []
    refs: list[str] = []
    for i, item in enumerate(items):
        if item is _UNKNOWN or (isinstance(item, _Ref) and item.unknown):
            not_known.append(f"{path}[{i}]")
        if isinstance(item, dict):
            v, u, s, e = _split(item, referenced, not_known, f"{path}[{i}]")
            values.append(v)
            unknown.append(u)
            sensitive.append(s)
            block_exprs.append(e)
        elif isinstance(item, _Ref):
            values.append(None)
            unknown.append(True)
            sensitive.append(False)
            refs.extend(item.refs)
            referenced.extend(item.refs[1:])
        elif isinstance(item, _Hidden):
            values.append(None)
            unknown.append(item is _UNKNOWN)
            sensitive.append(item is _SECRET)
        else:
            values.append(item)
            unknown.append(False)
            sensitive.append(False)
    expressions: Any = None
    if refs:
        expressions = {"references": refs}
    elif any(block_exprs):
        expressions = block_exprs
    return values, unknown, sensitive, expressions


def _identities(resource: Resource, address: str) -> dict[str, list[str]]:
    """The values by which other resources refer to this one, with the references Terraform would write."""
    table: dict[str, list[str]] = {}
    if resource.id:
        table[resource.id] = [f"{address}.id"]
    for key, value in _props(resource).items():
        if not isinstance(value, str) or not value or key == "id":
            continue
        if key in _IDENTITY_KEYS or key.endswith(_IDENTITY_SUFFIXES):
            table.setdefault(value, []).append(f"{address}.{snake_case(key)}")
    return table


def convert(doc: StateDocument) -> Plan:
    """Convert a state document to a plan that creates every AWS resource in it."""
    plan = Plan(document={})
    addresses: dict[str, str] = {}
    typed: list[tuple[Resource, str, str]] = []
    used: set[str] = set()
    for resource in doc.resources:
        if not resource.custom or resource.type.startswith("pulumi:"):
            continue
        tf_type = terraform_type(resource.type)
        if tf_type is None:
            plan.skipped.append(resource)
            continue
        base = _tf_name(resource.name)
        name, n = base, 1
        while f"{tf_type}.{name}" in used:
            n += 1
            name = f"{base}_{n}"
        address = f"{tf_type}.{name}"
        used.add(address)
        addresses[resource.urn] = address
        typed.append((resource, tf_type, name))
        plan.resources[address] = resource
    identities = {r.urn: _identities(r, addresses[r.urn]) for r, _, _ in typed}

    planned: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    configured: list[dict[str, Any]] = []
    for resource, tf_type, name in typed:
        address = addresses[resource.urn]
        converter = _Converter(resource, tf_type, identities)
        values, unknown, sensitive, expressions, referenced, not_known = converter.convert()
        if not_known:
            plan.unknown[address] = not_known
        schema_version = SCHEMA_VERSIONS.get(tf_type, 0)
        planned.append(
            {
                "address": address,
                "mode": "managed",
                "type": tf_type,
                "name": name,
                "provider_name": PROVIDER_NAME,
                "schema_version": schema_version,
                "values": values,
                "sensitive_values": sensitive,
            }
        )
        changes.append(
            {
                "address": address,
                "mode": "managed",
                "type": tf_type,
                "name": name,
                "provider_name": PROVIDER_NAME,
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": values,
                    "after_unknown": unknown,
                    "before_sensitive": False,
                    "after_sensitive": sensitive,
                },
            }
        )
        conf: dict[str, Any] = {
            "address": address,
            "mode": "managed",
            "type": tf_type,
            "name": name,
            "provider_config_key": "aws",
            "expressions": expressions,
            "schema_version": schema_version,
        }
        via_properties = {u for urns in resource.property_dependencies.values() for u in urns}
        explicit = sorted(
            {
                addresses[u]
                for u in resource.dependencies
                if u in addresses and u not in via_properties and addresses[u] not in referenced
            }
        )
        if explicit:
            conf["depends_on"] = explicit
        configured.append(conf)
    plan.document = {
        "format_version": FORMAT_VERSION,
        "terraform_version": TERRAFORM_VERSION,
        "planned_values": {"root_module": {"resources": planned}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {"aws": {"name": "aws", "full_name": PROVIDER_NAME}},
            "root_module": {"resources": configured},
        },
    }
    return plan


def convert_main(args: argparse.Namespace) -> int:
    """`pms-baseline convert`: write a stack's (or an export's) Terraform plan JSON."""
    import sys

    from pms_baseline.io import check_output, write_outputs

    if args.to != "terraform-plan":
        raise InputError(f"convert: unknown target format {args.to!r} (terraform-plan is supported)")
    from pms_baseline.loader import load_target

    output = check_output(args.out)  # before any work: a bad path costs nothing
    doc = load_target("convert", args.state, args.stack, args.program).document
    plan = convert(doc)
    write_outputs([(output, plan.text())])
    print(
        f"wrote {args.out}: {len(plan.resources)} Terraform resources from {len(doc.resources)} state "
        f"resources ({len(plan.skipped)} without a Terraform type)",
        file=sys.stderr,
    )
    return 0


def add_convert_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `convert` on the CLI's subparsers."""
    p = subparsers.add_parser("convert", help="convert a stack or state export to a Terraform plan JSON")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--stack", help="preview this stack (stacks/Pulumi.<stack>.yaml)")
    source.add_argument("--state", help="a state file: export, checkpoint, preview or `pulumi preview --json` "
                                        "('-' for standard input)")
    p.add_argument("--program", help="project or program directory for --stack (default: this project)")
    p.add_argument("--to", required=True, choices=["terraform-plan"], help="output format")
    p.add_argument("--out", required=True, help="write the plan JSON here")
    p.set_defaults(func=convert_main)
    return p
