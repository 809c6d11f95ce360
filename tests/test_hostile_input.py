"""Hostile and odd input found by probing the tool as an attacker or a careless user would: each
case is read (or refused) with one clear line naming the file, and nothing else is lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ACCUSING, BACKING, jsonl, run_kg, write
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph

from kg.ingest import MAX_ID_CHARS, InputNote, InputProblem, read_inputs
from kg.model import Article
from kg.rdf import graph_iri
from kg.validate import validate_path


def summary_line(err: str) -> str:
    """The build's summary line ("kg: N articles, ..."), wherever warnings put it."""
    return next(line for line in err.splitlines() if line.startswith("kg: ") and " articles, " in line)


def split(items) -> tuple[list[Article], list[InputProblem], list[InputNote]]:
    items = list(items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, InputProblem) and not isinstance(i, InputNote)],
            [i for i in items if isinstance(i, InputNote)])


# ------------------------------------------------------------------------------------- dates

@pytest.mark.parametrize(("date", "words"), [
    ("2016-13-45", "not a real date"), ("2016-02-30", "not a real date"), ("yesterday", "YYYY-MM-DD"),
    ("12/15/2016", "YYYY-MM-DD"),
])
def test_a_date_header_that_is_no_real_date_is_left_out_with_a_note(tmp_path, date, words):
    path = write(tmp_path, "a.txt", f"Title: Talks\nDate: {date}\n\n{BACKING}")
    [article], problems, [note] = split(read_inputs([str(path)]))
    assert not problems
    assert article.date is None and article.text == BACKING and article.title == "Talks"
    assert note.source == str(path) and words in note.message and repr(date) in note.message


@pytest.mark.parametrize(("date", "words"), [
    ("2016-13-45", "not a real date"), ("2016-02-30T10:00:00Z", "not a real date"), ("yesterday", "YYYY-MM-DD"),
    (12345, "not text"), (["2016-12-15"], "not text"),
])
def test_a_jsonl_date_that_is_no_real_date_is_left_out_with_a_note_naming_the_line(tmp_path, date, words):
    path = write(tmp_path, "c.jsonl", jsonl({"id": "ok", "text": ACCUSING, "date": "2016-12-15T08:00:00Z"},
                                            {"id": "odd", "text": BACKING, "date": date}))
    articles, problems, [note] = split(read_inputs([str(path)]))
    assert not problems
    assert [(a.id, a.date) for a in articles] == [("ok", "2016-12-15"), ("odd", None)]
    assert note.source == f"{path}:2" and words in note.message


def test_build_with_impossible_dates_keeps_the_articles_and_writes_a_graph_that_validates(tmp_path):
    inputs = [write(tmp_path, "a.txt", f"Date: 2016-13-45\n\n{BACKING}"),
              write(tmp_path, "b.jsonl", jsonl({"id": "b", "text": ACCUSING, "date": "2016-02-30"},
                                               {"id": "c", "text": ACCUSING.replace("Turkey", "Iraq"),
                                                "date": 12345}))]
    run = run_kg("build", *inputs, "--out", tmp_path / "out", "--quiet")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    notes = [line for line in run.err.splitlines() if line.startswith("kg: note: ")]
    assert len(notes) == 3
    assert "3 articles" in summary_line(run.err)
    report = validate_path(tmp_path / "out" / "graph.ttl")
    assert report.conforms, report.summary()


# ------------------------------------------------------------------------------ encodings, bytes

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    mark = "\ufeff" if encoding.endswith("-be") else ""  # utf-16 and utf-32 write their own mark
    data = (mark + f"Title: Backing\n\n{BACKING}").encode(encoding)
    [article], problems, _ = split(read_inputs([str(write(tmp_path, "wide.txt", data))]))
    assert not problems
    assert article.text == BACKING and article.title == "Backing"


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_old_mac_and_windows_line_endings_keep_the_header_out_of_the_text(tmp_path, newline):
    text = newline.join(["Title: Backing", "Date: 2016-12-12", "", BACKING, ACCUSING])
    [article], problems, _ = split(read_inputs([str(write(tmp_path, "mac.txt", text.encode()))]))
    assert not problems
    assert (article.title, article.date) == ("Backing", "2016-12-12")
    assert article.text == f"{BACKING}\n{ACCUSING}"


def test_a_nul_byte_past_the_first_8_kb_makes_the_file_binary_and_it_reaches_no_output(tmp_path):
    data = (BACKING + "\n").encode() * 100 + b"\x00" + ACCUSING.encode()
    assert data.index(b"\x00") > 8192
    [problem] = list(read_inputs([str(write(tmp_path, "late-nul.txt", data))]))
    assert isinstance(problem, InputProblem) and "NUL" in problem.message
    assert str(data.index(b"\x00")) in problem.message


def test_a_nul_escaped_in_jsonl_text_becomes_a_space(tmp_path):
    path = write(tmp_path, "c.jsonl", jsonl({"id": "n", "text": BACKING[:10] + "\x00" + BACKING[11:]}))
    [article], _, _ = split(read_inputs([str(path)]))
    assert "\x00" not in article.text and len(article.text) == len(BACKING)


def test_chinese_text_is_refused_as_not_english_rather_than_too_short(tmp_path):
    path = write(tmp_path, "zh.txt", "俄罗斯周一表示支持叙利亚政府，土耳其指责叙利亚军队违反停火协议。")
    [problem] = list(read_inputs([str(path)]))
    assert "not English" in problem.message and "too little" not in problem.message


def test_invisible_characters_inside_names_are_removed_with_a_note_and_events_found(tmp_path, kg_main):
    hidden = "Rus\u200dsia accused Tur\u202ekey of shelling the border town of Kilis on Monday, officials said."
    path = write(tmp_path, "hidden.txt", hidden)
    [article], _, [note] = split(read_inputs([str(path)]))
    assert article.text.startswith("Russia accused Turkey of")
    assert "U+200D" in note.message and "U+202E" in note.message
    run = kg_main("extract", path)
    assert run.code == 0, run.err
    assert {(r["actor"][0]["code"], r["recipient"][0]["code"]) for r in run.records} == {("RUS", "TUR")}


# ---------------------------------------------------------------------------------------- ids

@pytest.mark.parametrize("ident", [".", "..", "  ", "\x07"])
def test_ids_that_cannot_name_a_graph_get_one_from_the_file_and_line(tmp_path, ident):
    path = write(tmp_path, "c.jsonl", jsonl({"id": ident, "text": BACKING}))
    [article], _, [note] = split(read_inputs([str(path)]))
    assert article.id == "c-1"
    assert repr(ident) in note.message
    assert not str(graph_iri(article.id)).endswith(("/.", "/.."))


def test_an_over_long_id_is_shortened_with_a_hash_and_two_long_ids_stay_apart(tmp_path):
    long_a, long_b = "a" * 10_000, "a" * 9_999 + "b"
    path = write(tmp_path, "c.jsonl", jsonl({"id": long_a, "text": BACKING}, {"id": long_b, "text": ACCUSING}))
    articles, _, notes = split(read_inputs([str(path)]))
    assert all(len(a.id) <= MAX_ID_CHARS for a in articles)
    assert articles[0].id != articles[1].id
    assert len(notes) == 2 and "10000 characters" in notes[0].message


# -------------------------------------------------------------------------- files that are no files

def test_a_named_pipe_is_refused_at_once_instead_of_hanging(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    run = run_kg("extract", fifo, write(tmp_path, "good.txt", BACKING))
    assert run.code == 0, run.err
    assert f"kg: skipped {fifo}: not a regular file (a named pipe)" in run.err
    assert {r["cite_info"]["doc_id"] for r in run.records} == {"good"}


def test_a_device_is_refused_instead_of_read_until_memory_runs_out(tmp_path):
    [problem] = list(read_inputs(["/dev/zero"]))
    assert problem.source == "/dev/zero" and "not a regular file" in problem.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder, so none can be made unreadable")
def test_an_unreadable_subfolder_is_named_with_the_reason(tmp_path):
    write(tmp_path / "in", "good.txt", BACKING)
    locked = tmp_path / "in" / "locked"
    write(locked, "hidden.txt", ACCUSING)
    locked.chmod(0)
    try:
        articles, problems, _ = split(read_inputs([str(tmp_path / "in")]))
    finally:
        locked.chmod(0o755)
    assert [a.id for a in articles] == ["good"]
    assert [(p.source, "Permission denied" in p.message) for p in problems] == [(str(locked), True)]


# ---------------------------------------------------------------------------- command-line values

@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_processes_must_be_a_positive_number(tmp_path, value):
    run = run_kg("extract", write(tmp_path, "a.txt", BACKING), "--processes", value)
    assert run.code == 2
    assert "--processes" in run.err and "Traceback" not in run.err


def test_an_endpoint_with_a_port_that_is_no_number_is_one_clear_line(tmp_path):
    store = write(tmp_path, "g.nq", "<https://e.org/a> <https://e.org/b> <https://e.org/c> <https://e.org/g> .\n")
    run = run_kg("push", store, "--endpoint", "http://127.0.0.1:abc/store", "--no-ontology")
    assert run.code != 0
    assert run.err.strip().splitlines() == [run.err.strip()]
    assert "port" in run.err and "Traceback" not in run.err


def test_graph_of_odd_input_parses_in_rdflib(tmp_path):
    """A compact end-to-end case of the above: every odd input at once, one valid graph out."""
    paths = [write(tmp_path, "a.txt", ("\ufeffTitle: x\rDate: 2016-02-30\r\r" + BACKING).encode("utf-16")),
             write(tmp_path, "b.jsonl", jsonl({"id": "..", "text": "Rus\u200bsia backs Assad\x0c, officials said."},
                                              {"id": "x" * 5000, "text": ACCUSING, "date": "yesterday"}))]
    run = run_kg("build", *paths, "--out", tmp_path / "out", "--quiet")
    assert run.code == 0, run.err
    assert len(Graph().parse(Path(tmp_path / "out" / "graph.ttl"), format="turtle")) > 0
    assert all(len(json.loads(line)["cite_info"]["doc_id"]) <= MAX_ID_CHARS
               for line in (tmp_path / "out" / "events.jsonl").read_text().split("\n")[:-1])


def test_query_tables_show_control_characters_from_articles_instead_of_sending_them(tmp_path, kg_main):
    path = write(tmp_path, "esc.txt", "Title: Alarm\x07\x1b]0;owned\x07 \x1b[2J\n\n" + BACKING)
    assert kg_main("build", path, "--out", tmp_path / "out", "--quiet").code == 0
    run = kg_main("query", "SELECT ?t WHERE { ?a <http://purl.org/dc/terms/title> ?t }",
                  tmp_path / "out" / "graph.ttl")
    assert run.code == 0, run.err
    assert "Alarm" in run.out
    assert "\x1b" not in run.out and "\x07" not in run.out
    assert "\\x1b[2J" in run.out and "\\x07" in run.out


def _script_by_every_letter(text: str) -> str | None:
    """The plain definition: every letter's Unicode script counted; the majority script if not Latin."""
    import unicodedata

    counts: dict[str, int] = {}
    for char in text[:20_000]:
        if char.isalpha():
            name = unicodedata.name(char, "UNKNOWN").split()[0]
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    script, count = max(counts.items(), key=lambda item: item[1])
    return script.title() if script != "LATIN" and count > sum(counts.values()) / 2 else None


@given(st.text(st.sampled_from("ab XZ é ß中文Привет مرحبا 12,.\n"), max_size=40))
def test_the_script_check_counts_as_if_every_letter_were_looked_up(text):
    """ASCII letters are counted as Latin without a lookup; the answer is the one letter-by-letter."""
    from kg.ingest import _main_other_script

    assert _main_other_script(text) == _script_by_every_letter(text)
    assert _main_other_script("Привет мир, hello") == "Cyrillic" and _main_other_script("hello world") is None
