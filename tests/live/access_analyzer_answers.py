"""IAM Access Analyzer answers moto (5.2) does not give: it answers ListAnalyzers (and CreateAnalyzer) with 404 "Not
yet implemented", so a test gives the session the answer AWS would, in the API's documented shape
(https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ListAnalyzers.html), before the call is sent;
every other call still goes to moto."""

from __future__ import annotations

from typing import Any

from botocore.awsrequest import AWSResponse

ACCOUNT = "123456789012"


def analyzer(name: str = "pms", kind: str = "ACCOUNT", region: str = "us-east-1") -> dict[str, Any]:
    """An AnalyzerSummary as ListAnalyzers returns it."""
    return {"arn": f"arn:aws:access-analyzer:{region}:{ACCOUNT}:analyzer/{name}", "name": name, "type": kind,
            "status": "ACTIVE"}


def answer_analyzers(session: Any, analyzers: list[dict[str, Any]]) -> list[str]:
    """Answer ListAnalyzers on ``session``'s clients with ``analyzers`` (in every Region). Returns the operations
    answered, appended to as they are."""
    answered: list[str] = []

    def answer(model: Any, params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        answered.append(model.name)
        return (AWSResponse(params.get("url", ""), 200, {}, None),
                {"analyzers": list(analyzers), "ResponseMetadata": {"HTTPStatusCode": 200}})

    # A later answer replaces an earlier one (the suite's fixture answers what the state declares; a test may
    # then answer otherwise): botocore would send each call to the first handler registered.
    event = "before-call.accessanalyzer.ListAnalyzers"
    previous = getattr(session, "_pms_analyzers_answer", None)
    if previous is not None:
        session.events.unregister(event, previous)
    session._pms_analyzers_answer = answer
    session.events.register_last(event, answer)
    return answered


def answer_declared(session: Any, state: Any, region: str = "us-east-1") -> list[str]:
    """Answer with the aws:accessanalyzer/analyzer:Analyzer resources ``state`` declares (moto cannot create them),
    as analyzers of ``region``. For a suite-wide fixture over an emulated account's realized state."""
    from pms_baseline_pack import tokens as t

    return answer_analyzers(session, [analyzer(str(r.props.get("analyzerName") or r.name),
                                               str(r.props.get("type") or "ACCOUNT"), region)
                                      for r in state.of_type(t.ACCESS_ANALYZER)])
