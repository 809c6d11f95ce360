"""Start-up: a command imports what it uses. The argument parser (every command builds it) must
not pull in rdflib or networkx, and `kg extract` never needs networkx; the data files are still
read row by row with the same cells, short rows padded and unnamed columns left out."""

from __future__ import annotations

import subprocess
import sys

from kg.formats import EXPORT_FORMATS
from kg.resources import read_tsv


def _modules_after(code: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_the_argument_parser_imports_neither_rdflib_nor_networkx():
    loaded = _modules_after("from kg.cli import build_parser\nbuild_parser().parse_args(['extract', 'x.txt'])")
    assert "kg.cli" in loaded and "argparse" in loaded
    assert not {"rdflib", "networkx", "kg.export", "kg.rdf"} & loaded


def test_extraction_does_not_import_the_graph_libraries_it_does_not_use():
    loaded = _modules_after("from kg.pipeline import Extractor\nfrom kg.views.plover import lines")
    assert "kg.pipeline" in loaded
    assert "networkx" not in loaded and "kg.export" not in loaded


def test_the_export_formats_listed_by_the_parser_are_the_ones_export_writes():
    from kg.export import EXPORT_FORMATS as written
    from kg.views.rdf_formats import FORMATS

    assert written == EXPORT_FORMATS and set(FORMATS) < set(EXPORT_FORMATS)


def test_rows_are_read_with_short_rows_padded_extra_cells_ignored_and_unnamed_columns_dropped(tmp_path):
    plain = tmp_path / "plain.tsv"
    plain.write_text("# a comment\nid\tlabel\tcode\n a \t Alpha \tAAA\textra\nb\tBeta\n\n", encoding="utf-8")
    assert list(read_tsv(plain)) == [{"id": "a", "label": "Alpha", "code": "AAA"},
                                     {"id": "b", "label": "Beta", "code": ""}]
    unnamed = tmp_path / "unnamed.tsv"
    unnamed.write_text("id\t\tcode\nc\tskipped\tCCC\n", encoding="utf-8")
    assert list(read_tsv(unnamed)) == [{"id": "c", "code": "CCC"}]


def test_a_bad_lexicon_row_is_still_named_by_file_and_line(tmp_path):
    """Validation on load is unchanged by the faster reading: the lexicon's errors name file:line."""
    from kg.vocabulary import LexiconError, Vocabulary, _add_rows

    lexicon = tmp_path / "lexicon.tsv"
    lexicon.write_text("trigger\tpos\tobject\tagent\trecip\tpredicate\tflags\tconf\n"
                       "Back\tVERB\t\tsubj\tobj\tbacks\t\t0.9\n", encoding="utf-8")
    try:
        _add_rows(Vocabulary(), lexicon, set())
    except LexiconError as exc:
        assert f"{lexicon}:2" in str(exc) and "lower-case lemma" in str(exc)
    else:
        raise AssertionError("a capitalised trigger was accepted")


def test_with_the_compiled_cache_warm_extraction_does_not_import_rdflib(tmp_path):
    """The cached vocabulary holds no rdflib objects, so `kg extract` on a warm cache never loads
    rdflib (its import is a good part of a second); the first run, which builds the cache, may."""
    import os

    from conftest import BACKING, write

    article = write(tmp_path, "a.txt", BACKING)
    code = ("import sys\nfrom kg.cli import main\nmain(['extract', sys.argv[1]])\n"
            "print('rdflib' in sys.modules, file=sys.stderr)")
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("KG_CACHE", None)
    runs = [subprocess.run([sys.executable, "-c", code, str(article)], capture_output=True, text=True, env=env,
                           check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and '"event"' in runs[1].stdout
    assert runs[1].stderr.splitlines()[-1] == "False"
    assert any((tmp_path / "cache").glob("vocabulary-*.pickle"))
