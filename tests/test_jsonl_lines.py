"""One PLOVER record is one line for every reader: characters that Python's str.splitlines and
older JSON readers take for line ends are written as escapes."""

from __future__ import annotations

import json

from tests.conftest import jsonl, write

SEPARATORS = "\u2028\u2029\u0085"


def test_line_separators_in_the_evidence_never_split_a_record(kg_main, tmp_path):
    text = f"Chile accused Bolivia of{SEPARATORS[0]}breaking the treaty.{SEPARATORS[1]} Peru{SEPARATORS[2]} agreed."
    path = write(tmp_path, "c.jsonl", jsonl({"id": "sep", "text": text, "date": "2020-02-02"}))
    run = kg_main("extract", path, "--min-confidence", "0")
    assert run.code == 0
    lines = run.out.splitlines()  # splits on U+2028, U+2029 and U+0085 too
    assert lines and all(json.loads(line)["cite_info"]["doc_id"] == "sep" for line in lines)
    assert not any(ch in run.out for ch in SEPARATORS)
    assert any(ch in json.loads(line)["text"] for line in lines for ch in SEPARATORS)
