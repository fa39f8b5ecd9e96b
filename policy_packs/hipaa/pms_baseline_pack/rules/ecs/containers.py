"""An ECS task definition's container definitions, as the rules of this folder read them."""

import json
from typing import Any

from pms_baseline_pack.opaque import is_opaque, is_secret, mark_secret


def containers(props: Any) -> list[dict[str, Any]]:
    """The container definitions (containerDefinitions is JSON text of a list); [] when unknown or unreadable."""
    value = props.get("containerDefinitions")
    if is_opaque(value) or value is None:
        return []
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except json.JSONDecodeError:
            return []
        value = mark_secret(decoded) if is_secret(value) else decoded
    return [c for c in value if isinstance(c, dict)] if isinstance(value, list) else []


def label(container: dict[str, Any], index: int) -> str:
    name = container.get("name")
    return name if isinstance(name, str) and name else f"[{index}]"
