"""JUnit XML, as CI systems show test results."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from pms_baseline import escape
from pms_baseline.findings import Finding, Report, Waiver
from pms_baseline.writers.common import disabled_rules
from pms_baseline.writers.common import where as _where


def waived_message(w: Waiver) -> str:
    return f"waived until {w.expires} by {w.owner}: {w.reason}"


def _case(suite: ET.Element, rule: str, fs: list[Finding]) -> str:
    """One test case for ``rule`` on one resource: failed by a mandatory finding, else skipped (advisory, or
    waived with the waiver's words); never passed. Returns the case's outcome."""
    case = ET.SubElement(suite, "testcase", classname=escape.xml(rule),
                         name=escape.xml(f"{fs[0].resource.type} {_where(fs[0])}"))
    mandatory = [f for f in fs if f.mandatory]
    advisory = [f for f in fs if not f.mandatory and not f.waived]
    waived = [f for f in fs if f.waived]
    if mandatory or advisory:
        tag = "failure" if mandatory else "skipped"
        node = ET.SubElement(case, tag, message=escape.xml((mandatory or advisory)[0].message),
                             type=fs[0].severity)
    else:
        node = ET.SubElement(case, "skipped", message=escape.xml(waived_message(waived[0].waiver)))
    lines = [f"{f.message}\nFix: {f.remediation}\nHIPAA: {', '.join(f.citations)}" for f in [*mandatory, *advisory]]
    lines += [f"{f.message}\n{waived_message(f.waiver)} (declared in {f.waiver.source})" for f in waived]
    node.text = escape.xml("\n".join(lines))
    return tag if (mandatory or advisory) else "skipped"


def junit(report: Report) -> str:
    """JUnit XML: a test suite per rule, a test case per rule and resource; mandatory violations fail it,
    advisory and waived ones skip it; every rule the policy config disables is a skipped case. The one passing
    case, "N resources comply", appears only when nothing was found, waived or disabled."""
    suites = ET.Element("testsuites", name="pms-baseline", tests="0", failures="0", skipped="0")
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        grouped[f.rule].append(f)
    total = fails = skips = 0
    for rule, items in sorted(grouped.items()):
        cases: dict[str, list[Finding]] = defaultdict(list)
        for f in items:
            cases[f.resource.urn or "stack"].append(f)
        suite = ET.SubElement(suites, "testsuite", name=escape.xml(rule), tests=str(len(cases)))
        outcomes = [_case(suite, rule, fs) for fs in cases.values()]
        suite.set("failures", str(outcomes.count("failure")))
        suite.set("skipped", str(outcomes.count("skipped")))
        total += len(cases)
        fails += outcomes.count("failure")
        skips += outcomes.count("skipped")
    disabled = disabled_rules(report)
    if disabled:
        suite = ET.SubElement(suites, "testsuite", name="disabled rules", tests=str(len(disabled)), failures="0",
                              skipped=str(len(disabled)))
        for rule_id, reason in disabled:
            case = ET.SubElement(suite, "testcase", classname=escape.xml(rule_id), name=escape.xml(reason))
            ET.SubElement(case, "skipped", message=escape.xml(reason))
        total += len(disabled)
        skips += len(disabled)
    if total == 0:
        suite = ET.SubElement(suites, "testsuite", name="pms-baseline", tests="1", failures="0", skipped="0")
        ET.SubElement(suite, "testcase", classname="pms-baseline",
                      name=f"{report.summary()['resources']} resources comply")
        total = 1
    suites.set("tests", str(total))
    suites.set("failures", str(fails))
    suites.set("skipped", str(skips))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
