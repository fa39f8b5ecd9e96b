"""What every reader takes as JSON (``jsontext.loads``): strict JSON whose strings can be written back out."""

import json

import pytest

from pms_baseline import jsontext
from pms_baseline.errors import InputError
from pms_baseline.judge import read_config


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"a": "\\ud83d\\ude00"}', {"a": "\U0001F600"}),  # a whole surrogate pair is one character
        ('{"a": "\\\\ud800"}', {"a": "\\ud800"}),  # an escaped backslash, then letters
        ('{"a": 1.5e3, "b": -0.0, "c": 123456789012345678901234567890}',
         {"a": 1500.0, "b": -0.0, "c": 123456789012345678901234567890}),
    ],
)
def test_json_is_read_as_json(text, value):
    assert jsontext.loads(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": NaN}', "NaN is not a JSON number"),
        ('[Infinity]', "Infinity is not a JSON number"),
        ('[1e400]', "1e400 is beyond"),
        ('{"a": "x\\ud800"}', "lone UTF-16 surrogate"),
        ('{"a": ["\\udfff"]}', "lone UTF-16 surrogate"),
        ('{"\\ud800": 1}', "lone UTF-16 surrogate"),
    ],
)
def test_what_python_takes_and_json_does_not_is_refused(text, message):
    with pytest.raises(jsontext.NotJSON, match=message):
        jsontext.loads(text)


def test_malformed_json_raises_as_ever():
    with pytest.raises(json.JSONDecodeError):
        jsontext.loads('{"a": ')


@pytest.mark.parametrize(
    ("data", "message"),
    [(b'{"r": NaN}', "not valid JSON (NaN is not a JSON number)"), (b"\xff\xfe{}", "not UTF-8 text"),
     (b'{"r": "\\ud800"}', "lone UTF-16 surrogate"), (b"{", "not valid JSON")],
)
def test_a_policy_config_that_is_not_json_is_one_line(tmp_path, data, message):
    path = tmp_path / "policy.json"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_config(str(path))
    assert message in str(err.value) and "\n" not in str(err.value)
