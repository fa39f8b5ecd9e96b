"""IAM Access Analyzer read live under ``iam-access-analyzer-present``: each verified Region has an analyzer.

https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ListAnalyzers.html (analyzers: arn, name,
type, status; paginated)
https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-create-external.html ("You must create an
external access analyzer in each Region in which you want to monitor access to your resources")

The pack's rule asks whether the stack declares an analyzer; an analyzer sees only its own Region's resources, so
live the rule is judged per Region, over that Region's analyzers. Every analyzer ListAnalyzers returns counts, as
every Analyzer a program declares counts before deploy. A listing that fails leaves the Region unjudged (its own
finding), never "no analyzer".
"""

from __future__ import annotations

from typing import Any

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import Inventory, collector, readable
from pms_baseline_pack import tokens as t

SERVICE = "access-analyzer"


@collector(SERVICE)
def collect(live: Any, inv: Inventory) -> None:
    aa = live.client("accessanalyzer", inv.region)
    analyzers = inv.read(lambda: list(live.pages(aa, "list_analyzers", "analyzers")))
    inv.complete = readable(analyzers)
    inv.items["analyzers"] = analyzers if readable(analyzers) else []


def analyzer_props(a: dict) -> dict:
    """An analyzer in the engine's property names (aws:accessanalyzer/analyzer:Analyzer)."""
    return {"analyzerName": a.get("name"), "arn": a.get("arn"), "type": a.get("type"), "status": a.get("status")}


reader(
    t.ACCESS_ANALYZER, SERVICE, "analyzers", "analyzer",
    name=lambda a: a["name"],
    ids=lambda a: (a["name"], a.get("arn")),
    props=analyzer_props,
    compare=("type",),
)
stack_rule("iam-access-analyzer-present", SERVICE, (t.ACCESS_ANALYZER,))
