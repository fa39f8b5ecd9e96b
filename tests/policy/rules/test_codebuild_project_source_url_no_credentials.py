import pytest

from pms_baseline_pack.rules.codebuild.codebuild_project_source_url_no_credentials import check as rule


def message(where, kind):
    return (f"{where}.location embeds sign-in credentials in the {kind} URL, which anyone who can read the project "
            "sees; use the plain URL with a source credential and revoke the token (164.312(a)(1))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"source": {"type": "GITHUB", "location": "https://github.com/clinic/pms.git"}}, [],
                     id="pass-plain-url"),
        pytest.param({"source": {"type": "CODECOMMIT", "location": "https://git-codecommit.us-east-1.amazonaws.com/"
                                 "v1/repos/pms"}}, [], id="pass-not-a-hosted-repository"),
        pytest.param(
            {"source": {"type": "BITBUCKET", "location": "https://ci-bot:s3cr3tPass@bitbucket.org/clinic/pms.git"}},
            [message("source", "BITBUCKET")],
            id="fail-user-and-password",
        ),
        pytest.param(
            {"source": {"type": "GITHUB", "location": "https://github.com/clinic/pms.git"},
             "secondarySources": [{"type": "GITHUB", "sourceIdentifier": "lib",
                                   "location": "https://ghp_abcdefghijklmnop@github.com/clinic/lib.git"}]},
            [message("secondarySources[0]", "GITHUB")],
            id="fail-token-in-secondary-source",
        ),
    ],
)
def test_check(props, expected):
    found = rule.run_resource(props)
    assert found == expected
    assert not any("s3cr3t" in m or "ghp_" in m for m in found)  # the credential is never rendered
