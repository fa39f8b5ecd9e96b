"""Stack roles for the gate, and several states judged as one account.

A stack declares its role (``account-baseline``, ``workload`` or ``standalone``, the default;
``pms_baseline_pack.rules.roles``) in one of these ways, all read here:

- ``gate --stack-role ROLE`` (or ``STACK=ROLE`` with several states) overrides whatever the stack declares;
- the stack config key ``pms-baseline:stackRole`` in ``Pulumi.<stack>.yaml``, for a stack previewed with
  ``--stack`` (a state file carries no config);
- the root stack's output ``pms-baseline:stackRole`` or the tag of that name on its resources, which a real
  ``pulumi stack export`` and ``pulumi preview --json`` carry as well as the offline preview, and which the
  CrossGuard pack reads the same way.

A value that is not a role, or two sources that disagree, is an input error: the gate never guesses a stack's role.

Several states (``--state`` and ``--stack``, repeatable and mixed) are judged as one account: resource rules and
the workload stack rules per state, on each state's own resources; account rules once, over the union of every
state's resources, when any of them is an ``account-baseline`` or ``standalone`` stack. So a workload stack and its
account-baseline stack pass together where the workload alone, judged as standalone, would not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pms_baseline.errors import InputError
from pms_baseline.exceptions import Exceptions, covers, record, tag_waivers, waive
from pms_baseline.findings import Finding, Report, merge_twins
from pms_baseline.gate import bound_to, run_gate
from pms_baseline.judge import evaluate, merge_config
from pms_baseline.loader import Target
from pms_baseline.state import StateDocument
from pms_baseline_pack.rules import catalogue
from pms_baseline_pack.rules.roles import (
    ACCOUNT,
    DEFAULT_ROLE,
    ROLE_KEY,
    ROLES,
    WORKLOAD,
    applies,
    declared_roles,
    not_applicable_reason,
)

OVERRIDE = "--stack-role"
CONFIG = f"stack config {ROLE_KEY}"
DEFAULT = "default"


@dataclass(frozen=True)
class StackRole:
    """A state's role and what declared it (``--stack-role``, the stack config, its resources, or the default)."""

    role: str
    declared_by: str


def _checked(value: str, where: str) -> str:
    if value not in ROLES:
        raise InputError(f"{where}: stack role {value!r} is not one of {', '.join(ROLES)}")
    return value


def config_role(target: Target) -> str:
    """The stack config's ``pms-baseline:stackRole`` of a previewed target; '' for a state file or when unset."""
    from pms_baseline.preview import default_project, find_project, load_stack_config

    stack, program = target.described.get("stack"), target.described.get("program")
    if "state" in target.described or not stack:
        return ""
    try:
        bundled = default_project()
    except InputError:
        bundled = None
    # The bundled project of a built wheel has its Pulumi.yaml beside the program, not above it.
    project = bundled if bundled is not None and str(bundled.program) == program else find_project(Path(program))
    return load_stack_config(project, stack)[0].get(ROLE_KEY, "")


def resolve(doc: StateDocument, from_config: str = "", override: str = "") -> StackRole:
    """The role of ``doc``: ``override``, else what the stack config and the state declare (they must agree),
    else ``standalone``. A value that is not a role, or a disagreement, is an input error."""
    name = doc.stack or doc.source
    if override:
        return StackRole(_checked(override, OVERRIDE), OVERRIDE)
    sources: dict[str, list[str]] = {}
    if from_config:
        sources.setdefault(from_config, []).append(CONFIG)
    for value, urns in declared_roles(doc.resources).items():
        root = [u for u in urns if u.split("::")[2:3] == ["pulumi:pulumi:Stack"]]
        where = [f"root stack output {ROLE_KEY}"] if root else []
        if len(urns) > len(root):
            where.append(f"tag {ROLE_KEY} on {len(urns) - len(root)} resources")
        sources.setdefault(value, []).extend(where)
    for value, where in sources.items():
        _checked(value, f"stack {name} ({', '.join(where)})")
    if len(sources) > 1:
        said = "; ".join(f"{v} by {', '.join(w)}" for v, w in sources.items())
        raise InputError(f"stack {name} declares more than one role ({said}); declare one, or give {OVERRIDE}")
    if not sources:
        return StackRole(DEFAULT_ROLE, DEFAULT)
    ((role, where),) = sources.items()
    return StackRole(role, ", ".join(where))


def load_targets(command: str, states: list[str], stacks: list[str], programs: list[str]) -> list[Target]:
    """Every ``--state FILE`` and ``--stack NAME`` given, states first (reading a file is cheap, a preview is not).

    ``--program`` is given once for every ``--stack`` or once per ``--stack``, in the same order; one state or one
    stack alone is ``loader.load_target``'s case, with its messages."""
    from pms_baseline.loader import load_target

    if len(states) + len(stacks) <= 1 and len(programs) <= 1:
        return [load_target(command, states[0] if states else None, stacks[0] if stacks else None,
                            programs[0] if programs else None)]
    if programs and len(programs) not in (1, len(stacks)):
        raise InputError(f"{command}: give --program once, or once per --stack ({len(stacks)} stacks, "
                         f"{len(programs)} programs)")
    paired = programs if len(programs) == len(stacks) else [programs[0] if programs else None] * len(stacks)
    return ([load_target(command, state, None, None) for state in states]
            + [load_target(command, None, stack, program) for stack, program in zip(stacks, paired, strict=True)])


def overrides(values: Iterable[str], targets: list[Target]) -> list[str]:
    """``--stack-role`` values per target: ``ROLE`` for a single target, ``STACK=ROLE`` (STACK as the state names
    it, or ``project/stack``) for one of several."""
    out = [""] * len(targets)
    values = list(values)
    if len(targets) == 1 and len(values) == 1 and "=" not in values[0]:
        return [values[0]]
    for value in values:
        stack, sep, role = value.rpartition("=")
        if not sep:
            raise InputError(f"{OVERRIDE} {value!r}: with several states give STACK=ROLE")
        hits = [i for i, t in enumerate(targets) if stack in (t.document.stack, identity(t.document))]
        if len(hits) != 1:
            names = ", ".join(identity(t.document) for t in targets)
            raise InputError(f"{OVERRIDE} {value!r}: {'no' if not hits else 'more than one'} state is stack "
                             f"{stack!r} (states: {names}); name it as project/stack")
        out[hits[0]] = role
    return out


def identity(doc: StateDocument) -> str:
    """``project/stack``: what makes two states the same stack."""
    return f"{doc.project or '?'}/{doc.stack or '?'}"


_ARN_ACCOUNT = re.compile(r"^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):")


def account_of(doc: StateDocument) -> str:
    """The AWS account most of the state's resource ARNs name ('' when none names one): whose account it is."""
    found = Counter(m.group(1) for r in doc.resources if r.custom and isinstance(r.props.get("arn"), str)
                    and (m := _ARN_ACCOUNT.match(r.props["arn"])))
    return found.most_common(1)[0][0] if found else ""


def distinct(targets: list[Target]) -> None:
    """Refuse two states of one stack (the same project and stack, or any URN in both), and states of different
    AWS accounts (as their ARNs show): account rules judge one account."""
    seen: dict[str, str] = {}
    urns: dict[str, str] = {}
    accounts: dict[str, str] = {}
    for t in targets:
        account = account_of(t.document)
        if account:
            accounts.setdefault(account, t.document.source or identity(t.document))
    if len(accounts) > 1:
        said = ", ".join(f"{where} is account {account}" for account, where in accounts.items())
        raise InputError(f"the states are of different AWS accounts ({said}); judge each account's stacks together")
    for t in targets:
        key, where = identity(t.document), t.document.source or identity(t.document)
        if key in seen:
            raise InputError(f"{seen[key]} and {where} are both states of stack {key}; judge one state per stack")
        seen[key] = where
        for r in t.document.resources:
            if r.urn in urns and urns[r.urn] != where:
                raise InputError(f"{urns[r.urn]} and {where} both hold {r.urn}; judge one state per stack")
            urns[r.urn] = where


def union(docs: list[StateDocument]) -> StateDocument:
    """Every resource of ``docs`` as one document: what account rules judge when states are judged together."""
    return StateDocument(version=3, resources=[r for d in docs for r in d.resources],
                         raw={"deployment": {"metadata": {"stack": "+".join(identity(d) for d in docs)}}},
                         source=" + ".join(d.source for d in docs))


def not_applicable(roles: Iterable[str], config: Mapping[str, Any] | None) -> list[dict[str, str]]:
    """The enabled account rules that judge none of these stacks (every one is a workload): ``[{"id", "reason"}]``,
    so no report shows them as passed."""
    roles = list(roles)
    settings = merge_config(config)
    return [{"id": r.id, "reason": not_applicable_reason(WORKLOAD)} for r in catalogue()
            if r.scope == ACCOUNT and settings[r.id].enforcement != "disabled"
            and not any(applies(r, role) for role in roles)]


def account_findings(docs: list[StateDocument], roles: list[str], config: Mapping[str, Any] | None,
                     engine: str) -> list[Finding]:
    """Account rules over the union of ``docs``, when any of them is not a workload; none otherwise."""
    if all(role == WORKLOAD for role in roles):
        return []
    whole = union(docs)
    if engine == "analyzer":
        from pms_baseline.analyzer import analyze

        account = {r.id for r in catalogue() if r.scope == ACCOUNT}
        found, _ = analyze(whole, merge_config(config), role=DEFAULT_ROLE)
        return [f for f in found if f.rule in account]
    return evaluate(whole, config, scopes=(ACCOUNT,))


def state_entry(target: Target, role: StackRole) -> dict[str, Any]:
    """What a report says of one judged state: where it came from, its hash, its role and what declared it."""
    doc = target.document
    return {**target.described, "stack": doc.stack, "project": doc.project, "stack_role": role.role,
            "role_declared_by": role.declared_by}


def run(targets: list[Target], role_values: Iterable[str], config: Mapping[str, Any] | None,
        **gate: Any) -> Report:
    """Judge ``targets`` (one state, or several as one account) in their roles; ``gate`` are ``run_gate``'s
    options (checkov, engine, ...)."""
    distinct(targets)
    given = overrides(role_values, targets)
    roles = [resolve(t.document, config_role(t), o) for t, o in zip(targets, given, strict=True)]
    if len(targets) == 1:
        (t,), (role,) = targets, roles
        report = run_gate(t.document, config, target=t.described, timings=t.timings, role=role.role, **gate)
        report.target.update(stack_role=role.role, role_declared_by=role.declared_by,
                             not_applicable=not_applicable([role.role], config))
        return report
    # Each state on its own resources (as a workload: no account rule), the account rules over them all.
    reports = [run_gate(t.document, config, target=dict(t.described), timings=t.timings, role=WORKLOAD, **gate)
               for t in targets]
    names = [r.role for r in roles]
    account = account_findings([t.document for t in targets], names, config, gate.get("engine", "direct"))
    exceptions = gate.get("exceptions") or Exceptions()
    waivers = [*exceptions.waivers, *(w for t in targets for w in tag_waivers(t.document))]
    report = combine(reports, [state_entry(t, r) for t, r in zip(targets, roles, strict=True)],
                     waive(merge_twins(account), waivers)[0], config, names)
    # A waiver is unused when it covers no finding of any state nor of the account.
    unused = [w for w in waivers if not any(covers(w, f) for f in report.findings)]
    report.target["exceptions"] = record(exceptions, waivers, unused)
    return report


def combine(reports: list[Report], entries: list[dict[str, Any]], account: list[Finding],
            config: Mapping[str, Any] | None, roles: list[str]) -> Report:
    """One report of several states judged as one account: each state's findings, the account findings over
    their union, the states named in the target (each with its own hash: the whole is bound to no single state)."""
    findings = [f for r in reports for f in r.findings] + account
    timings: dict[str, float] = {}
    for r in reports:
        for key, value in r.timings.items():
            timings[key] = timings.get(key, 0.0) + value
    target: dict[str, Any] = {
        "stack": ", ".join(f"{e['project']}/{e['stack']} ({e['stack_role']})" for e in entries),
        "project": "one account", "states": entries, "engine": reports[0].target.get("engine", "direct"),
        "state_sha256": None, "state_hashed_as": None,
    }
    target.update(bound_to(target, config))
    target["not_applicable"] = not_applicable(roles, config)
    for key in ("disabled_rules", "engine_notes"):
        if key in reports[0].target:
            target[key] = reports[0].target[key]
    return Report(source="gate", target=target, findings=findings, resources=sum(r.resources for r in reports),
                  timings=timings)
