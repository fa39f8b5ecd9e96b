"""An ECS task definition's container definitions, as the rules of this folder read them."""

from typing import Any

from pms_baseline_pack.rules.props import decoded_json


def containers(props: Any) -> list[dict[str, Any]]:
    """The container definitions (containerDefinitions is JSON text of a list); [] when unknown or unreadable."""
    value = decoded_json(props.get("containerDefinitions"))
    return [c for c in value if isinstance(c, dict)] if isinstance(value, list) else []


def label(container: dict[str, Any], index: int) -> str:
    name = container.get("name")
    return name if isinstance(name, str) and name else f"[{index}]"
