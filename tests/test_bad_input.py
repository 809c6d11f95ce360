"""Bad input gets one clear line naming the file (and line), and the other inputs still go through."""

from __future__ import annotations

import json

import pytest
from conftest import ACCUSING, BACKING, OUTPUT_NAMES, jsonl, snapshot, write

from kg.ingest import InputProblem, read_inputs

GERMAN = ("Die türkische Regierung warf den syrischen Streitkräften am Dienstag vor, die Waffenruhe "
          "in Aleppo gebrochen zu haben. Russland und Iran unterstützen die Regierung in Damaskus.")
FRENCH = ("Le gouvernement turc a accusé les forces syriennes de violer la trêve à Alep mardi, selon un "
          "communiqué publié à Ankara.")
RUSSIAN = "Турция обвинила сирийские правительственные войска в нарушении перемирия в Алеппо во вторник."
EMPTY_PAGE = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"

# name → (file content, words the message must contain)
BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\t\n", "empty"),
    "binary.txt": (bytes(range(256)) * 4, "binary"),
    "latin1.txt": ("Le président turc a accusé l'armée syrienne à Alep.".encode("latin-1"), "UTF-8"),
    "german.txt": (GERMAN.encode(), "English"),
    "french.txt": (FRENCH.encode(), "English"),
    "russian.txt": (RUSSIAN.encode(), "English"),
    "menu-only.html": (EMPTY_PAGE.encode(), "text"),
}


def problems(items) -> list[InputProblem]:
    return [i for i in items if isinstance(i, InputProblem)]


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_becomes_one_problem_naming_the_file(tmp_path, name):
    content, words = BAD_FILES[name]
    path = write(tmp_path, name, content)
    items = list(read_inputs([str(path)]))
    assert len(items) == 1
    [problem] = problems(items)
    assert problem.source == str(path)
    assert words.lower() in problem.message.lower()
    assert "\n" not in str(problem)


def test_missing_path_becomes_a_problem_naming_it(tmp_path):
    missing = tmp_path / "nowhere" / "gone.txt"
    [problem] = problems(read_inputs([str(missing)]))
    assert problem.source == str(missing)
    assert "no such file" in problem.message


def test_folder_without_articles_becomes_a_problem_naming_it(tmp_path):
    write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0")
    [problem] = problems(read_inputs([str(tmp_path)]))
    assert problem.source == str(tmp_path)
    assert ".txt" in problem.message


@pytest.mark.parametrize(("line", "words"), [
    ('{"id": "broken", "text": "Russia backs Assad', "malformed JSON"),
    ('["a list", "not an object"]', "JSON object"),
    ('{"id": "no-text", "title": "Only a title"}', "'text'"),
    ('{"id": "blank", "text": "   "}', "'text'"),
    ('{"id": "number", "text": 42}', "'text'"),
    ('{"id": "half", "text": "Russia backs Assad \\ud800 and Iran urged Turkey to act, officials said."}',
     "surrogate"),
])
def test_bad_jsonl_line_is_named_by_file_and_line_and_its_neighbours_are_kept(tmp_path, line, words):
    path = write(tmp_path, "corpus.jsonl", jsonl({"id": "before", "text": BACKING}) + line + "\n"
                 + jsonl({"id": "after", "text": ACCUSING}))
    items = list(read_inputs([str(path)]))
    [problem] = problems(items)
    assert problem.source == f"{path}:2"
    assert words.lower() in problem.message.lower()
    assert [i.id for i in items if not isinstance(i, InputProblem)] == ["before", "after"]


def test_non_english_jsonl_line_is_named_by_line(tmp_path):
    path = write(tmp_path, "mixed.jsonl", jsonl({"id": "de", "text": GERMAN}, {"id": "en", "text": BACKING}))
    items = list(read_inputs([str(path)]))
    [problem] = problems(items)
    assert problem.source == f"{path}:1" and "English" in problem.message
    assert [i.id for i in items if not isinstance(i, InputProblem)] == ["en"]


def test_a_bad_file_in_a_folder_does_not_stop_the_others(tmp_path):
    write(tmp_path, "a-empty.txt", b"")
    write(tmp_path, "b-binary.txt", b"\x00\x01\x02" * 50)
    write(tmp_path, "c-good.txt", BACKING)
    items = list(read_inputs([str(tmp_path)]))
    assert [p.source for p in problems(items)] == [str(tmp_path / "a-empty.txt"), str(tmp_path / "b-binary.txt")]
    assert [i.id for i in items if not isinstance(i, InputProblem)] == ["c-good"]


# ---------------------------------------------------------------- through the command line


def all_bad_inputs(folder) -> list[str]:
    paths = [str(write(folder, name, content)) for name, (content, _) in sorted(BAD_FILES.items())]
    paths.append(str(write(folder, "broken.jsonl", '{"id": "x", "text": "Russia\n')))
    paths.append(str(folder / "missing.txt"))
    return paths


def test_build_skips_each_bad_input_with_one_line_and_builds_the_rest(tmp_path, kg_main):
    bad = all_bad_inputs(tmp_path / "in")
    good = write(tmp_path / "in", "good.txt", BACKING)
    corpus = write(tmp_path / "in", "corpus.jsonl", jsonl({"id": "j1", "text": ACCUSING}) + "{oops\n")
    out = tmp_path / "out"
    run = kg_main("build", *bad, good, corpus, "--out", out, "--quiet")
    assert run.code == 0, run.err
    skipped = [line for line in run.err.splitlines() if line.startswith("kg: skipped ")]
    assert len(skipped) == len(bad) + 1
    for path in bad:
        assert sum(line.startswith(f"kg: skipped {path}") for line in skipped) == 1, path
    assert any(line.startswith(f"kg: skipped {corpus}:2: malformed JSON") for line in skipped)
    assert "Traceback" not in run.err
    doc_ids = {json.loads(line)["cite_info"]["doc_id"] for line in (out / "events.jsonl").read_text().splitlines()}
    assert doc_ids == {"good", "j1"}
    assert "2 articles" in run.err.splitlines()[-1]


def test_build_with_nothing_readable_fails_and_keeps_previous_outputs(tmp_path, kg_main):
    out = tmp_path / "out"
    assert kg_main("build", write(tmp_path, "good.txt", BACKING), "--out", out, "--quiet").code == 0
    before = snapshot(out)
    run = kg_main("build", *all_bad_inputs(tmp_path / "in"), "--out", out, "--quiet")
    assert run.code != 0
    assert "no article could be read" in run.err
    assert snapshot(out) == before
    assert set(before) == set(OUTPUT_NAMES)


def test_extract_skips_bad_lines_on_stderr_and_prints_only_events_on_stdout(tmp_path, kg_main):
    path = write(tmp_path, "c.jsonl", jsonl({"id": "de", "text": GERMAN}) + "not json\n"
                 + jsonl({"id": "en", "text": BACKING}))
    run = kg_main("extract", path, "--format", "plover")
    assert run.code == 0
    assert {r["cite_info"]["doc_id"] for r in run.records} == {"en"}
    assert f"kg: skipped {path}:1: " in run.err and "English" in run.err
    assert f"kg: skipped {path}:2: malformed JSON" in run.err


def test_extract_with_nothing_readable_exits_non_zero_with_empty_stdout(tmp_path, kg_main):
    run = kg_main("extract", tmp_path / "missing.jsonl", write(tmp_path, "e.jsonl", b""))
    assert run.code != 0
    assert run.out == ""
    assert f"kg: skipped {tmp_path / 'missing.jsonl'}: no such file" in run.err
    assert f"kg: skipped {tmp_path / 'e.jsonl'}: empty file" in run.err


def test_build_into_a_path_that_is_a_file_is_a_clear_error(tmp_path, kg_main):
    blocker = write(tmp_path, "out", "I am a file")
    run = kg_main("build", write(tmp_path, "good.txt", BACKING), "--out", blocker, "--quiet")
    assert run.code == 1
    assert run.err.splitlines()[-1].startswith("kg: error: ")
    assert blocker.read_text() == "I am a file"


@pytest.mark.parametrize("headline", [
    "Russian forces attacked Islamic State militants near Palmyra.",
    "Kenyan police arrested eleven Somali militants outside Garissa Tuesday.",
])
def test_a_headline_style_english_sentence_without_function_words_is_read(tmp_path, headline):
    """Headlines and one-line dispatches may hold no 'the', 'of' or 'and': too short to judge by
    function words, they are read unless another language's words outnumber English ones."""
    path = write(tmp_path, "wire.jsonl", jsonl({"id": "wire", "text": headline}))
    items = list(read_inputs([str(path)]))
    assert not problems(items)
    assert [i.id for i in items] == ["wire"]


def test_a_long_text_without_english_function_words_is_still_refused(tmp_path):
    text = " ".join(["Zorvak plinth murrow kessat vandrel oppusk tirran"] * 4) + "."
    path = write(tmp_path, "gibberish.jsonl", jsonl({"id": "g", "text": text}))
    [problem] = problems(list(read_inputs([str(path)])))
    assert "English" in problem.message


def test_a_sentence_repeating_the_same_event_builds_with_one_id_per_event(tmp_path, kg_main):
    """Two sentences run together ("… leave the city.javascript: Turkey accused …", as a fuzzed
    page gave) repeat the same trigger in one sentence; each event keeps an id of its own, so
    the merge of reported events does not meet one id twice."""
    text = BACKING + " " + ACCUSING[:-1] + ".javascript: " + ACCUSING
    path = write(tmp_path, "runon.jsonl", jsonl({"id": "runon", "text": text}))
    out = tmp_path / "out"
    run = kg_main("build", path, "--out", out, "--quiet")
    assert run.code == 0, run.err
    ids = [json.loads(line)["id"] for line in (out / "events.jsonl").read_text().splitlines()]
    assert ids and len(ids) == len(set(ids))
