"""Reading a converted Terraform plan, and minimal state exports to convert, for the converter's tests."""


def planned(plan, address):
    """The resource at ``address`` in the plan's planned values."""
    return next(
        r for r in plan.document["planned_values"]["root_module"]["resources"] if r["address"] == address
    )


def configured(plan, address):
    """The resource at ``address`` in the plan's configuration (its expressions and depends_on)."""
    return next(
        r for r in plan.document["configuration"]["root_module"]["resources"] if r["address"] == address
    )


def resource_change(plan, address):
    """The change planned for the resource at ``address``."""
    return next(r for r in plan.document["resource_changes"] if r["address"] == address)["change"]


def export_document(resources):
    """A version 3 ``pulumi stack export`` holding ``resources``."""
    return {
        "version": 3,
        "deployment": {"manifest": {"time": "2026-01-01T00:00:00Z"}, "resources": resources},
    }
