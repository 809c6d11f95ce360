"""The compiled-vocabulary cache (kg/cache.py): what it loads equals what a fresh build makes; a
changed data file names a new cache file, which is built; a corrupt file is ignored with a
warning and rebuilt; two processes writing at once leave one whole file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg import cache
from kg.actors import _ABBREVIATION, TextMatcher, _in_phrase_matcher_order, phrase_tables
from kg.extract.types import MentionKind as K
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest import read_inputs
from kg.vocabulary import build_vocabulary, load_vocabulary


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    monkeypatch.delenv("KG_CACHE", raising=False)
    return folder


class Counted:
    """A builder that counts its calls (to tell a cache hit from a build)."""

    def __init__(self, build) -> None:
        self.build, self.calls = build, 0

    def __call__(self):
        self.calls += 1
        return self.build()


def test_what_the_cache_loads_equals_a_fresh_build(cache_dir):
    fresh_gazetteer, fresh_vocabulary = Gazetteer(), build_vocabulary(ROOT / "ontology")
    for _ in range(2):  # the first call writes the files, the second reads them
        gazetteer = cache.compiled("gazetteer", Gazetteer)
        vocabulary = cache.compiled("vocabulary", lambda: build_vocabulary(ROOT / "ontology"))
    assert vars(gazetteer) == vars(fresh_gazetteer)
    assert vars(vocabulary) == vars(fresh_vocabulary)
    assert len(list(cache_dir.glob("gazetteer-*.pickle"))) == 1
    # the process's own, read through the user's cache, is the same too
    assert vars(load_gazetteer()) == vars(fresh_gazetteer) and vars(load_vocabulary()) == vars(fresh_vocabulary)


def test_the_resolver_tables_from_the_cache_match_what_the_matchers_are_built_from(cache_dir, extractor):
    tables = phrase_tables(load_gazetteer())
    assert cache.compiled("phrase-tables", lambda: phrase_tables(load_gazetteer())) == tables
    assert cache.compiled("phrase-tables", lambda: None) == tables  # read back, not built
    strings = extractor.nlp.vocab.strings
    built = TextMatcher(strings)  # as the resolver added the imported names one by one before
    for phrase in load_gazetteer().phrases:
        if phrase.bulk:
            kind = K(phrase.kind)
            built.add(f"{kind}|{phrase.key}", phrase.text,
                      bool(_ABBREVIATION.match(phrase.text)) and kind not in {K.TITLE, K.BODY})
    exact, lower = tables.tiers[2]
    assert (exact, lower) == tuple(map(dict, built.tables[0])) and len(lower) > 10_000
    assert built.prefixes <= tables.prefixes


def test_the_text_matcher_finds_what_spacys_phrase_matcher_finds_for_the_hand_written_names(extractor):
    """The hand-written names were matched by two PhraseMatchers (tokenised phrases, case-sensitive
    for abbreviations); the resolver's TextMatcher must find the same phrases at the same places."""
    nlp, resolver = extractor.nlp, extractor.resolver
    tables = phrase_tables(load_gazetteer())
    spans = {0: [], 1: []}
    texts = [article.text for article in read_inputs([str(ROOT / "samples")]) if hasattr(article, "text")]
    texts.append("The AU and ECOWAS sent envoys; the U.N. and the E.U. asked the DRC and the FDLR to talk, "
                 "and AFP and the BBC reported that U.S.-backed FSA units had left.")
    for tier, attr in ((0, "ORTH"), (1, "LOWER")):
        matcher = PhraseMatcher(nlp.vocab, attr=attr)
        for text, ids in tables.tiers[tier][tier].items():
            for rule in ids:
                matcher.add(str(rule), [nlp.make_doc(text)])
        for doc in nlp.pipe(texts):
            spans[tier] += sorted((int(nlp.vocab.strings[m]), s, e) for m, s, e in matcher(doc))
    found = {0: [], 1: []}
    hand = {rule for tier in (0, 1) for table in tables.tiers[tier] for ids in table.values() for rule in ids}
    for doc in nlp.pipe(texts):
        matches = [m for m in resolver.matcher(doc) if m[0] in hand]
        for tier in (0, 1):
            table = tables.tiers[tier][tier]
            key = (lambda d, s, e: d[s:e].text) if tier == 0 else (lambda d, s, e: d[s:e].text.lower())
            found[tier] += sorted(m for m in matches if m[0] in table.get(" ".join(key(doc, m[1], m[2]).split()), ()))
    assert found[0] == spans[0] and found[1] == spans[1]
    assert len(found[0]) >= 6 and len(found[1]) > 50


def test_a_phrase_under_two_rules_keeps_the_order_the_phrase_matcher_gave():
    """"Abidjan" is a city and stands for Côte d'Ivoire; "spokesman" is a title and, bare, the
    government's voice. Resolution takes the first of two equal spans, so the tables keep the
    order spaCy's PhraseMatcher listed the two rules in: the tables' order is asked of it."""
    groups = [(False, "place|abidjan", ["Abidjan"]), (False, "metonym|CIV", ["Abidjan"]),
              (False, "title|spokesperson", ["spokesman"]), (False, "body|government", ["Spokesman"]),
              (False, "org|solo", ["Solo Front"])]
    matcher = TextMatcher(None)
    for exact, rule, texts in groups:
        for text in texts:
            matcher.add(rule, text, exact)
    table = dict(matcher.tables[0][1])
    _in_phrase_matcher_order(table)
    assert set(table) == {"abidjan", "spokesman", "solo front"} and table["solo front"] == ["org|solo"]
    vocab = Vocab()
    for text in ("abidjan", "spokesman"):  # the phrases under two rules
        rules = table[text]
        phrase_matcher = PhraseMatcher(vocab, attr="LOWER")
        for _, rule, texts in groups:
            if text in {t.lower() for t in texts}:
                phrase_matcher.add(rule, [Doc(vocab, words=[text])])
        assert rules == [vocab.strings[m] for m, _, _ in phrase_matcher(Doc(vocab, words=[text]))]
        assert sorted(rules) == sorted(r for _, r, texts in groups if text in {t.lower() for t in texts})


def test_a_stale_cache_is_rebuilt_when_a_data_file_changes(cache_dir, tmp_path, monkeypatch):
    import kg.resources

    copy = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", copy)
    monkeypatch.setattr(kg.resources, "ONTOLOGY_DIR", copy)
    cache._tree_digest.cache_clear()
    build = Counted(lambda: build_vocabulary(copy))
    first = cache.compiled("vocabulary", build)
    assert cache.compiled("vocabulary", build) == first and build.calls == 1  # read back
    with (copy / "lexicon.tsv").open("a", encoding="utf-8") as handle:
        handle.write("outflank\tVERB\t\tsubj\tdobj\tattacks\t\t0.7\n")
    cache._tree_digest.cache_clear()  # (a new process would hash the files afresh)
    second = cache.compiled("vocabulary", build)
    assert build.calls == 2
    assert ("outflank", "VERB") in second.frames and ("outflank", "VERB") not in first.frames
    assert len(list(cache_dir.glob("vocabulary-*.pickle"))) == 2  # the old one stays for an older checkout
    cache._tree_digest.cache_clear()


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_a_corrupt_cache_file_is_ignored_with_a_warning_and_rebuilt(cache_dir, capsys, damage):
    build = Counted(lambda: {"answer": list(range(1000))})
    cache.compiled("sample", build)
    (path,) = cache_dir.glob("sample-*.pickle")
    data = path.read_bytes()
    path.write_bytes({"truncate": data[:len(data) // 2], "flip": data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:],
                      "garbage": b"not a cache file"}[damage])
    assert cache.compiled("sample", build) == {"answer": list(range(1000))}
    assert build.calls == 2
    assert "warning: ignoring the unreadable cache file" in capsys.readouterr().err
    assert cache.compiled("sample", build) == {"answer": list(range(1000))} and build.calls == 2  # whole again


def test_the_cache_can_be_turned_off(cache_dir, monkeypatch):
    monkeypatch.setenv("KG_CACHE", "off")
    build = Counted(lambda: 42)
    assert cache.compiled("sample", build) == 42 and cache.compiled("sample", build) == 42
    assert build.calls == 2 and not cache_dir.exists()


def test_an_unwritable_cache_folder_only_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    build = Counted(lambda: [1, 2])
    assert cache.compiled("sample", build) == [1, 2] and build.calls == 1


def test_two_processes_writing_at_once_leave_one_whole_file(cache_dir):
    code = ("from kg import cache\n"
            "value = cache.compiled('race', lambda: list(range(200_000)))\n"
            "assert value == list(range(200_000))\n")
    env = {"KG_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE) for _ in range(3)]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert b"warning" not in err
    files = list(cache_dir.iterdir())
    assert len(files) == 1 and files[0].name.startswith("race-")  # no temporary file left behind
    assert cache._read(files[0]) == (list(range(200_000)),)


@pytest.fixture
def saved_gc_thresholds():
    import gc

    saved = gc.get_threshold()
    yield gc
    gc.set_threshold(*saved)


@pytest.mark.parametrize("before, after", [
    ((700, 10, 10), (cache.YOUNG_COLLECTION_AFTER, 20, 20)),  # Python's defaults: raised
    ((200_000, 5, 50), (200_000, 5, 50)),  # a higher threshold someone chose: left alone
    ((0, 10, 10), (0, 10, 10)),  # collection switched off by threshold 0: left off
])
def test_keeping_the_loaded_tables_raises_the_young_generation_threshold_and_never_lowers_it(
        saved_gc_thresholds, before, after):
    gc = saved_gc_thresholds
    gc.set_threshold(*before)
    cache.keep_for_process()
    assert gc.get_threshold() == after


def test_the_collector_is_paused_only_inside_the_block_and_left_as_it_was(saved_gc_thresholds):
    gc = saved_gc_thresholds
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        with cache.collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
    gc.enable()
