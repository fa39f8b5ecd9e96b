"""The evidence bundle's "Business associates" section: the AWS services the stack uses under the AWS BAA, and the
BAA itself.

PHI may go into a service only under a business associate agreement (164.308(b)(1), 164.314(a)); the AWS Business
Associate Addendum covers the services on AWS's HIPAA Eligible Services Reference. The section holds:

- ``list``: the project's dated copy of that page (``pms_baseline_pack.reference.hipaa_eligible_services``);
- ``scope``: whether the state holds PHI, is a sealed test stack, or says neither, as the rules
  ``baa-services-eligible`` and ``baa-services-eligible-synthetic`` place it with the config the gate ran with;
- ``services``: every AWS service of the state's pulumi-aws resources (``reference.service_of``), with whether it
  is on the list, which of its resources hold data and which are plumbing, and a verdict; types the mapping does
  not name are listed as unmapped;
- ``agreement``: the BAA's status from verify's findings when verify results are given (``baa-agreement-active``
  and the could-not-read findings of ``artifact:ListCustomerAgreements``; verify of this version always reads it,
  so no such finding means an active BAA), else ``not_checked``;
- ``attachment``: the agreement the user downloaded from AWS Artifact and gave with ``--baa-agreement``, as the
  bundle holds it, with its SHA-256 (also in the manifest's ``inputs.baa_agreement``), or null.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from pms_baseline.state import StateDocument

BUNDLED_AS = "baa-agreement.pdf"
"""The attached agreement's name in the bundle."""
VERDICTS = ("not_covered", "unmapped", "covered", "plumbing")
"""A service's verdict, worst first: holds data but not on the list; its module not mapped; on the list; not on the
list but configuration only."""
AGREEMENT_STATUSES = ("active", "missing", "inactive", "unread", "not_checked")


def _scope(state: StateDocument, config: Mapping[str, Any]) -> dict[str, str]:
    from pms_baseline.judge import judged, merge_config
    from pms_baseline_pack.rules import StackResource
    from pms_baseline_pack.rules.account.baa_services_eligible import phi_reason
    from pms_baseline_pack.rules.account.baa_services_eligible_synthetic import sealed_test_reason

    settings = merge_config(config)
    # What the two reasons read: names, URNs and tags (not each resource's dependencies, which a full stack view
    # copies).
    views = [StackResource(urn=r.urn, type=r.type, name=r.name, props=r.props, id=r.id) for r in judged(state)]
    phi = phi_reason(views, settings["baa-services-eligible"].params["phiEnvironments"])
    if phi:
        return {"kind": "phi", "reason": phi}
    sealed = sealed_test_reason(views, settings["baa-services-eligible-synthetic"].params["testEnvironments"])
    if sealed:
        return {"kind": "sealed_test", "reason": sealed}
    return {
        "kind": "unknown",
        "reason": "nothing in the state says whether this stack holds PHI (no environment "
        "the rules know, no resource tagged data-classification=phi)",
    }


def _services(state: StateDocument) -> list[dict[str, Any]]:
    from pms_baseline_pack.reference import hipaa_eligible_services, service_of

    listed = hipaa_eligible_services().services
    counts: dict[str, int] = defaultdict(int)
    for r in state.resources:
        if r.custom and r.type.startswith("aws:"):
            counts[r.type] += 1
    groups: dict[str, dict[str, Any]] = {}
    for token, count in sorted(counts.items()):
        mapping = service_of(token)
        service = mapping.service if mapping else ""
        group = groups.setdefault(
            service,
            {
                "service": service,
                "eligible": bool(mapping) and service in listed,
                "scope_note": listed.get(service, "") if mapping else "",
                "types": [],
            },
        )
        group["types"].append(
            {
                "type": token,
                "resources": count,
                "data_class": ("unmapped" if mapping is None else "data" if mapping.holds_data else "plumbing"),
            }
        )
    out = []
    for group in groups.values():
        classes = {t["data_class"] for t in group["types"]}
        if "unmapped" in classes:
            verdict = "unmapped"
        elif group["eligible"]:
            verdict = "covered"
        else:
            verdict = "not_covered" if "data" in classes else "plumbing"
        group["holds_data"] = "data" in classes
        group["resources"] = sum(t["resources"] for t in group["types"])
        group["verdict"] = verdict
        out.append(group)
    return sorted(out, key=lambda g: (VERDICTS.index(g["verdict"]), g["service"]))


def _agreement(live: Mapping[str, Any] | None) -> dict[str, Any]:
    """The BAA's status as verify's findings state it (``live``: the model's live section, or None)."""
    from pms_baseline.live.meta import BAA_AGREEMENT_RULE, BAA_INACTIVE, BAA_MISSING

    if live is None:
        return {
            "status": "not_checked",
            "detail": "no verify results were given, so AWS Artifact was not read",
            "findings": [],
        }
    about = [
        f
        for f in live["findings"]
        if f["rule"] == BAA_AGREEMENT_RULE
        or (f["rule"] in ("live-api-access-denied", "live-api-error") and f["resource"]["name"].startswith("artifact:"))
    ]
    ids = [f["id"] for f in about]
    verdicts = [f for f in about if f["rule"] == BAA_AGREEMENT_RULE]
    if any(f["message"].startswith(BAA_INACTIVE) for f in verdicts):
        status = "inactive"
    elif any(f["message"].startswith(BAA_MISSING) for f in verdicts):
        status = "missing"
    elif about:
        status = "unread"
    else:
        return {
            "status": "active",
            "findings": [],
            "detail": "verify read the account's agreements in AWS Artifact (artifact:ListCustomerAgreements) "
            "and reported no missing or inactive Business Associate Addendum: an active one covers "
            "the account or its organisation",
        }
    return {"status": status, "detail": "; ".join(f["message"] for f in about), "findings": ids}


def business_associates(
    state: StateDocument,
    config: Mapping[str, Any],
    live: Mapping[str, Any] | None,
    attachment: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The section for ``state`` (``config``: the policy config the gate ran with, as its report's target states
    it; ``live``: the model's live section or None; ``attachment``: the attached agreement, or None)."""
    from pms_baseline_pack.reference import hipaa_eligible_services

    listed = hipaa_eligible_services()
    return {
        "list": {"page": listed.page, "last_updated": listed.last_updated, "services": len(listed.services)},
        "scope": _scope(state, config),
        "services": _services(state),
        "agreement": _agreement(live),
        "attachment": dict(attachment) if attachment else None,
    }
