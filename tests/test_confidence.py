"""Confidence: an act aimed at no one named is less likely a true relation, and PLOVER output
leaves out what falls below the calibrated threshold while the graph keeps every event."""

from __future__ import annotations

import pytest

from kg.extract.context import EventSettings
from kg.views.plover import DEFAULT_MIN_CONFIDENCE
from tests.conftest import jsonl, write

AIMED = "Bolivia accused Chile of violating the river treaty."
UNAIMED = "Bolivia threatened to take the dispute further."


def _events(extractor, text: str):
    from kg.model import Article

    [result] = list(extractor.run([Article("t", text, "2019-05-04")]))
    return result.events


def test_an_event_with_no_recipient_is_less_confident_than_the_threshold(extractor):
    [aimed] = [e for e in _events(extractor, AIMED) if e.category == "ACCUSE"]
    assert aimed.recipients and aimed.confidence >= DEFAULT_MIN_CONFIDENCE
    undirected = [e for e in _events(extractor, UNAIMED) if not e.recipients]
    assert undirected, "the threat should still be found"
    assert all(e.confidence < DEFAULT_MIN_CONFIDENCE for e in undirected)
    assert all(e.confidence <= EventSettings().undirected_factor for e in undirected)


def test_plover_output_keeps_confident_events_and_zero_keeps_all(kg_main, tmp_path):
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": AIMED + " " + UNAIMED, "date": "2019-05-04"}))
    default = kg_main("extract", path)
    everything = kg_main("extract", path, "--min-confidence", "0")
    assert default.code == everything.code == 0
    assert all(r["recipient"] for r in default.records)
    assert len(everything.records) > len(default.records)
    assert any(not r["recipient"] for r in everything.records)


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_a_confidence_outside_zero_to_one_is_refused(kg_main, tmp_path, value):
    path = write(tmp_path, "c.jsonl", jsonl({"id": "a", "text": AIMED, "date": "2019-05-04"}))
    with pytest.raises(SystemExit) as exit_info:
        kg_main("extract", path, "--min-confidence", value)
    assert exit_info.value.code == 2
