"""JUnit XML, as CI systems show test results."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from pms_baseline import escape
from pms_baseline.findings import Finding, Report
from pms_baseline.writers.common import where as _where


def junit(report: Report) -> str:
    """JUnit XML: a test suite per rule, a test case per rule and resource; violations fail it."""
    suites = ET.Element("testsuites", name="pms-baseline", tests="0", failures="0")
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        grouped[f.rule].append(f)
    total = fails = 0
    for rule, items in sorted(grouped.items()):
        cases: dict[str, list[Finding]] = defaultdict(list)
        for f in items:
            cases[f.resource.urn or "stack"].append(f)
        suite = ET.SubElement(suites, "testsuite", name=escape.xml(rule), tests=str(len(cases)))
        nfail = 0
        for fs in cases.values():
            case = ET.SubElement(suite, "testcase", classname=escape.xml(rule),
                                 name=escape.xml(f"{fs[0].resource.type} {_where(fs[0])}"))
            mandatory = [f for f in fs if f.mandatory]
            tag = "failure" if mandatory else "skipped"
            node = ET.SubElement(case, tag, message=escape.xml(fs[0].message), type=fs[0].severity)
            node.text = escape.xml("\n".join(f"{f.message}\nFix: {f.remediation}\nHIPAA: {', '.join(f.citations)}"
                                              for f in fs))
            nfail += 1 if mandatory else 0
        suite.set("failures", str(nfail))
        total += len(cases)
        fails += nfail
    suites.set("tests", str(total))
    suites.set("failures", str(fails))
    if total == 0:
        suite = ET.SubElement(suites, "testsuite", name="pms-baseline", tests="1", failures="0")
        ET.SubElement(suite, "testcase", classname="pms-baseline",
                      name=f"{report.summary()['resources']} resources comply")
        suites.set("tests", "1")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
