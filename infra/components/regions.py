"""The regions a stack applies its regional account settings in, and how each singleton is handled there.

EBS encryption by default, GuardDuty, the AWS Config recorder and IAM Access Analyzer are settings of one account in
one region: a region without them has none of them. Monitoring and AccountGuardrails apply them in every region
of the stack (its home region, the backup copy region, extraRegions), through an explicit provider per extra region.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pulumi


@dataclass(frozen=True)
class StackRegion:
    """One region of the stack and, per account singleton, whether the stack creates it or adopts the existing one
    (an AWS Organizations or Control Tower landing zone may run it already)."""

    name: str
    """The region name (us-east-1)."""
    home: bool = True
    """The stack's own region (aws:region): global resources are recorded here, findings are routed here."""
    provider: Any = None
    """The explicit aws.Provider of a region other than home; None for home (the stack's default provider)."""
    guard_duty: str = "create"
    """create: declare the GuardDuty detector and its features; adopt: look the existing detector up."""
    config_recorder: str = "create"
    """create: declare the AWS Config recorder, its delivery channel and status; adopt: leave the existing ones."""
    access_analyzer: str = "create"
    """create: declare an account IAM Access Analyzer; adopt: leave the existing one."""

    def label(self, base: str) -> str:
        """A logical name for a per-region resource: ``base`` at home (unchanged names), ``base-<region>`` elsewhere."""
        return base if self.home else f"{base}-{self.name}"

    def where(self) -> dict[str, str]:
        """The ``region`` argument of a resource declared outside home: pulumi-aws v7 records every resource's
        Region in its state, and naming it keeps a previewed state the same shape (the provider is in that Region
        anyway); empty at home, where the stack's default Region applies."""
        return {} if self.home else {"region": self.name}

    def opts(self, parent: pulumi.Resource, depends_on: Sequence[pulumi.Resource] = ()) -> pulumi.ResourceOptions:
        """Options of a resource declared in this region under ``parent``."""
        return pulumi.ResourceOptions(parent=parent, provider=self.provider, depends_on=list(depends_on))

    def invoke_opts(self) -> pulumi.InvokeOutputOptions:
        """Options of a lookup (data source) in this region."""
        return pulumi.InvokeOutputOptions(provider=self.provider)


def home_only(name: str) -> list[StackRegion]:
    """A single home region that creates every singleton (what a component does when given no regions)."""
    return [StackRegion(name)]


def home_of(regions: Sequence[StackRegion]) -> StackRegion:
    """The home region of ``regions``."""
    return next(r for r in regions if r.home)
