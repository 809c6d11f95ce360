"""`kg extract --format plover` meets the output contract of ../shared/eval/README.md.

The contract only: field names and types, codes, character offsets that slice the input text,
document ids. How many events are right is the scorer's business, not these tests'.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ACCUSING, BACKING, EVAL_DIR, jsonl, write

from kg.gazetteer import load_gazetteer

CATEGORIES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
NON_STATE_CODES = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
FACTUALITY = {"asserted", "negated", "future", "hypothetical", "historical"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Invented reports; non-ASCII and astral characters ahead of the mentions make byte or UTF-16
# offsets visibly wrong.
DOCS = [
    {"id": "truce", "date": "2016-12-14", "text": ACCUSING},
    {"id": "backing", "date": "2016-12-12", "title": "Moscow's line", "url": "https://example.org/b",
     "text": BACKING},
    {"id": "unicode", "date": "2016-12-15",
     "text": "Ankara — « Türkiye » 🇹🇷 said on Thursday: Turkey accused Syrian government forces of shelling "
             "Aleppo, and President Recep Tayyip Erdoğan urged Russia to restrain Damascus."},
    {"text": "Iran backs the Syrian government and has sent military advisers to Damascus, officials said."},
]


def valid_codes() -> set[str]:
    return {actor.code for actor in load_gazetteer().states.values()} | NON_STATE_CODES


def check_entity(entity: dict, text: str, codes: set[str]) -> None:
    assert isinstance(entity["entity_name"], str) and entity["entity_name"]
    assert entity["code"] is None or entity["code"] in codes, entity
    assert entity["sector"] is None or re.fullmatch(r"[A-Z]{3}", entity["sector"]), entity
    if entity.get("implied"):  # a party the text implies but does not name has no span
        assert not {"start", "end", "raw_text"} & entity.keys(), entity
        return
    start, end = entity["start"], entity["end"]
    assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text), entity
    assert text[start:end] == entity["raw_text"], (entity, text[start:end])


def check_record(record: dict, texts: dict[str, str], codes: set[str]) -> None:
    """Every field the contract names, with the type and meaning it gives them."""
    assert isinstance(record["id"], str) and record["id"]
    assert record["date"] is None or DATE.match(record["date"])
    assert record["event"] and set(record["event"]) <= CATEGORIES, record["event"]
    doc_id = record["cite_info"]["doc_id"]
    assert doc_id in texts, doc_id
    text = texts[doc_id]
    assert isinstance(record["actor"], list) and record["actor"], record
    assert isinstance(record["recipient"], list)
    for entity in record["actor"] + record["recipient"]:
        check_entity(entity, text, codes)
    assert record["factuality"] in FACTUALITY
    assert isinstance(record["text"], str) and record["text"].strip()
    span = record["text_info"]
    assert text[span["start"]:span["end"]] == record["text"]
    for entity in (e for e in record["actor"] + record["recipient"] if not e.get("implied")):
        # the mentions lie in the evidence sentence
        assert span["start"] <= entity["start"] and entity["end"] <= span["end"], entity


def extract(kg_main, path) -> list[dict]:
    run = kg_main("extract", "--format", "plover", path)
    assert run.code == 0, run.err
    assert all(line.startswith("{") and line.endswith("}") for line in run.out.splitlines())
    return run.records


@pytest.fixture(scope="module")
def written_docs(tmp_path_factory):
    return write(tmp_path_factory.mktemp("plover"), "docs.jsonl", jsonl(*DOCS))


def test_every_extract_line_meets_the_contract(kg_main, written_docs):
    records = extract(kg_main, written_docs)
    texts = {doc.get("id", f"docs-{i}"): doc["text"] for i, doc in enumerate(DOCS, start=1)}
    assert records
    codes = valid_codes()
    for record in records:
        check_record(record, texts, codes)


def test_doc_ids_are_the_input_ids_or_file_and_line(kg_main, written_docs):
    doc_ids = {r["cite_info"]["doc_id"] for r in extract(kg_main, written_docs)}
    assert doc_ids == {"truce", "backing", "unicode", "docs-4"}


def test_turkey_accuses_the_syrian_army_with_codes_sectors_and_offsets(kg_main, written_docs):
    records = [r for r in extract(kg_main, written_docs) if r["cite_info"]["doc_id"] == "truce"]
    [accusation] = [r for r in records if r["event"] == ["ACCUSE"]]
    [turkey], [army] = accusation["actor"], accusation["recipient"]
    assert (turkey["code"], turkey["raw_text"], turkey["start"]) == ("TUR", "Turkey", 0)
    assert (army["code"], army["sector"]) == ("SYR", "MIL")
    assert ACCUSING[army["start"]:army["end"]] == army["raw_text"]
    assert army["raw_text"] in {"Syrian government forces", "government forces"}
    assert accusation["factuality"] == "asserted"


def test_offsets_count_characters_not_bytes(kg_main, written_docs):
    records = [r for r in extract(kg_main, written_docs) if r["cite_info"]["doc_id"] == "unicode"]
    text = DOCS[2]["text"]
    names = {e["raw_text"] for r in records for e in r["actor"] + r["recipient"]}
    assert "Turkey" in names
    for entity in (e for r in records for e in r["actor"] + r["recipient"]):
        assert text[entity["start"]:entity["end"]] == entity["raw_text"]


def test_event_ids_are_stable_across_runs(kg_main, written_docs):
    first = [r["id"] for r in extract(kg_main, written_docs)]
    assert first == [r["id"] for r in extract(kg_main, written_docs)]
    assert all(i.startswith("ev-") for i in first)


EVAL_SUITES = ["seed_dev.jsonl", "plover_dev.jsonl"]


@pytest.mark.skipif(not (EVAL_DIR / "data").is_dir(), reason="../shared/eval is not beside this checkout")
@pytest.mark.parametrize("suite", EVAL_SUITES)
def test_extract_meets_the_contract_on_the_evaluation_documents(kg_main, tmp_path, suite):
    """Only the documents' id, text and date are handed over, as the scorer does; gold is not read."""
    docs = [json.loads(line) for line in (EVAL_DIR / "data" / suite).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    inputs = write(tmp_path, "docs.jsonl", jsonl(*({k: d[k] for k in ("id", "text", "date") if d.get(k)}
                                                     for d in docs)))
    records = extract(kg_main, inputs)
    assert records
    texts = {d["id"]: d["text"] for d in docs}
    codes = valid_codes()
    for record in records:
        check_record(record, texts, codes)
