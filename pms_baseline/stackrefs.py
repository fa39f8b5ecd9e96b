"""StackReferences under the offline preview: the referenced stack's outputs, from its own offline preview or
from a state file the stack config names.

A ``pulumi.StackReference`` reads another stack's outputs from the backend; offline there is no backend, so the
preview answers the read itself (``preview.py``'s recording monitor), with what ``referenced_outputs`` finds:

- the state file the stack config's ``pms-baseline:stackReferenceStates`` maps the reference's name to (a
  ``pulumi stack export`` or a ``pms-baseline preview --out``, relative to the project);
- else the referenced stack's own offline preview, when its project (``<org>/<project>/<stack>``; a bare
  ``<stack>`` is this project's) is this project or the bundled baseline.

The referenced stack is not previewed while the program runs (the Pulumi SDK's runtime does not nest): a read
of a reference not yet known answers unknown outputs, as a preview does for values not yet known, and
``run_resolving`` then previews the stacks the run named and runs the program again with their outputs known.

A referenced secret reaches the program as the opaque stand-in ``[secret]``, as a secret of the stack's own
config does: its plaintext is not the preview's to read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pms_baseline.errors import InputError
from pms_baseline.state import SECRET_SIG, SIG_KEY, UNKNOWN_VALUE
from pms_baseline_pack import tokens as t

STACK_REFERENCE = "pulumi:pulumi:StackReference"
REFERENCE_STATES = "pms-baseline:stackReferenceStates"
"""Stack config for the offline preview only: ``{"<org>/<project>/<stack>": "<state file>"}``."""
_REFERENCING: set[tuple[str, str]] = set()
"""(project root, stack) of the previews a StackReference started and that have not finished: a cycle is refused."""


def reference_states(config: dict[str, str]) -> dict[str, str]:
    """The stack config's ``REFERENCE_STATES`` map (empty when unset); anything else is an input error."""
    raw = config.get(REFERENCE_STATES, "")
    try:
        value = json.loads(raw) if raw else {}
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise InputError(f"config {REFERENCE_STATES} must map stack reference names to state files")
    return value


def stand_in(value: Any) -> Any:
    """A referenced output as the program sees it offline: every secret the opaque stand-in ``[secret]``."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == SECRET_SIG:
            return {SIG_KEY: SECRET_SIG, "value": "[secret]"}
        return {k: stand_in(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stand_in(v) for v in value]
    return value


def secret_names(outputs: dict[str, Any]) -> list[str]:
    """The outputs that are secrets, as a StackReference's ``secretOutputNames`` lists them."""
    return sorted(k for k, v in outputs.items() if isinstance(v, dict) and v.get(SIG_KEY) == SECRET_SIG)


def root_outputs(document: Any, source: str) -> dict[str, Any]:
    """The root stack's outputs of a state document, secrets stood in for."""
    resources = document.get("deployment", {}).get("resources") if isinstance(document, dict) else None
    root = next((r for r in resources or [] if isinstance(r, dict) and r.get("type") == t.STACK), None)
    if root is None:
        raise InputError(f"{source}: no root stack ({t.STACK}) whose outputs a StackReference could read")
    return stand_in(root.get("outputs") or {})


MAX_ROUNDS = 8
_RESOLVED: dict[tuple[str, str], dict[str, Any]] = {}
"""(project root, reference name) -> outputs, for the previews under way."""
_PENDING: list[str] = []


def lookup(project: Any, states: dict[str, str], name: str) -> dict[str, Any]:
    """The outputs of reference ``name`` if known now (a state file, or resolved by an earlier round); else the
    name is noted and the outputs are unknown (the preview's unknown value) for this round."""
    if name in states:
        return referenced_outputs(project, states, name, None, None)
    key = (str(project.root), name)
    if key in _RESOLVED:
        return _RESOLVED[key]
    _PENDING.append(name)
    return UNKNOWN_VALUE  # type: ignore[return-value]


def run_resolving(run: Callable[[], Any], project: Any, preview: Callable[..., Any],
                  default_project: Callable[[], Any]) -> Any:
    """``run()``, again after previewing the stacks a round's StackReferences named (at most ``MAX_ROUNDS``)."""
    saved = dict(_RESOLVED)
    try:
        for _ in range(MAX_ROUNDS):
            del _PENDING[:]
            error: BaseException | None = None
            try:
                result = run()
            except BaseException as exc:  # noqa: BLE001 - raised below unless a reference explains it
                error = exc
            pending, _PENDING[:] = list(dict.fromkeys(_PENDING)), []
            if not pending:
                if error is not None:
                    raise error
                return result
            for name in pending:
                _RESOLVED[(str(project.root), name)] = referenced_outputs(project, {}, name, preview,
                                                                          default_project)
        raise InputError(f"program of {project.name}: more than {MAX_ROUNDS} rounds of stack references")
    finally:
        _RESOLVED.clear()
        _RESOLVED.update(saved)


def referenced_outputs(project: Any, states: dict[str, str], name: str, preview: Callable[..., Any] | None,
                       default_project: Callable[[], Any] | None) -> dict[str, Any]:
    """The outputs a StackReference to ``name`` reads under the offline preview of ``project`` (``states``: the
    stack config's ``REFERENCE_STATES``); ``preview(program, stack)`` and ``default_project()`` are the preview's."""
    if name in states:
        path = project.root / states[name]
        try:
            return root_outputs(json.loads(path.read_text()), str(path))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"stack reference {name}: cannot read {path} ({exc})") from None
    assert preview is not None and default_project is not None
    parts = name.split("/")
    stack, owner = parts[-1], parts[-2] if len(parts) > 1 else project.name
    referenced = project if owner == project.name else default_project()
    if referenced.name != owner:
        raise InputError(f"stack reference {name}: project {owner} is neither this project ({project.name}) nor the "
                         f"bundled {referenced.name}; map the name to its state file in config {REFERENCE_STATES}")
    key = (str(referenced.root), stack)
    if key in _REFERENCING:
        raise InputError(f"stack reference {name}: the stacks reference each other in a cycle")
    _REFERENCING.add(key)
    try:
        # The bundled project of a built wheel is found by default_project, not by its folder.
        result = preview(referenced.root if referenced is project else None, stack)
    finally:
        _REFERENCING.discard(key)
    return root_outputs(result.document, f"preview of stack {name}")
