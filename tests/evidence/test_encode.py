"""``evidence.json``'s bytes: compact UTF-8 JSON whatever the state's values are."""

import json

from pms_baseline.evidence.bundle import encode_document


def test_the_document_is_utf8_json_with_a_final_newline():
    model = {"name": "clínica-ñ", "checks": [1, 2.5, None, True], "nested": {"k": "\u2028"}}
    data = encode_document(model)
    assert data.endswith(b"}\n") and data.count(b"\n") == 1
    assert "clínica-ñ".encode() in data  # written as UTF-8, not escaped
    assert json.loads(data) == model


def test_a_number_past_64_bits_is_written_exactly():
    model = {"size": 2**70, "negative": -(2**80), "text": "é"}
    data = encode_document(model)
    assert data.endswith(b"\n")
    assert json.loads(data) == model
