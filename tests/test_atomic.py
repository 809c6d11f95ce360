"""A crash, an error or Ctrl-C while writing leaves the previous outputs intact, never half a file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap

import pytest
from conftest import BACKING, OUTPUT_NAMES, ROOT, snapshot, write

from kg import outputs
from kg.atomic import atomic_open, staged_folder, write_bytes, write_text


def test_write_replaces_the_file_and_leaves_no_temporary_behind(tmp_path):
    target = tmp_path / "deep" / "er" / "graph.ttl"
    write_text(target, "first\n")
    write_text(target, "second\n")
    assert target.read_text() == "second\n"
    assert os.listdir(target.parent) == ["graph.ttl"]


def test_written_files_get_ordinary_permissions_not_private_temp_ones(tmp_path):
    old = os.umask(0o022)
    try:
        write_bytes(tmp_path / "graph.graphml", b"<graphml/>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "graph.graphml").stat().st_mode) == 0o644


@pytest.mark.parametrize("error", [RuntimeError("serializer failed"), KeyboardInterrupt()])
def test_error_or_ctrl_c_mid_write_keeps_the_old_file_and_cleans_up(tmp_path, error):
    target = write(tmp_path, "events.jsonl", "old line\n")
    with pytest.raises(type(error)), atomic_open(target) as handle:
        handle.write("half a new li")
        handle.flush()
        raise error
    assert target.read_text() == "old line\n"
    assert os.listdir(tmp_path) == ["events.jsonl"]


def test_staged_set_appears_all_at_once_or_not_at_all(tmp_path):
    out = tmp_path / "out"
    for name in ("a.txt", "b.txt"):
        write(out, name, "old " + name)
    with pytest.raises(RuntimeError), staged_folder(out) as stage:
        write_text(stage / "a.txt", "new a.txt")
        raise RuntimeError("b.txt could not be rendered")
    assert snapshot(out) == {"a.txt": b"old a.txt", "b.txt": b"old b.txt"}
    with staged_folder(out) as stage:
        write_text(stage / "a.txt", "new a.txt")
        write_text(stage / "b.txt", "new b.txt")
        assert snapshot(out) == {"a.txt": b"old a.txt", "b.txt": b"old b.txt", stage.name: None}
    assert snapshot(out) == {"a.txt": b"new a.txt", "b.txt": b"new b.txt"}


@pytest.fixture
def previous_build(tmp_path, kg_main):
    """An output folder holding a complete earlier build, and its bytes."""
    out = tmp_path / "out"
    assert kg_main("build", write(tmp_path, "first.txt", BACKING), "--out", out, "--quiet").code == 0
    return out, snapshot(out)


def test_build_failing_while_writing_a_view_keeps_every_previous_output(tmp_path, kg_main, monkeypatch,
                                                                        previous_build):
    out, before = previous_build

    def graphml_that_dies_half_way(nodes, edges, path):
        with atomic_open(path, "wb") as handle:
            handle.write(b"<?xml version='1.0'?><graphml><graph>")
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(outputs, "write_graphml_stream", graphml_that_dies_half_way)
    with pytest.raises(RuntimeError, match="disk on fire"):
        kg_main("build", write(tmp_path, "second.txt", BACKING.replace("Russia", "Iran")), "--out", out)
    assert snapshot(out) == before  # graph.ttl, written before the failure, was not replaced either
    assert set(before) == set(OUTPUT_NAMES)


def test_ctrl_c_during_build_exits_130_and_keeps_every_previous_output(tmp_path, kg_main, monkeypatch,
                                                                      previous_build):
    out, before = previous_build

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs, "write_html", interrupted)
    run = kg_main("build", write(tmp_path, "second.txt", BACKING.replace("Russia", "Iran")), "--out", out)
    assert run.code == 130
    assert "interrupted" in run.err
    assert snapshot(out) == before


# A real SIGINT, delivered to a real `kg build` process while it is writing the HTML view: the process
# sends it to itself after writing half of the page, so the moment is fixed without any timing.
SIGINT_SCRIPT = """
import os, signal, sys
import kg.outputs
from kg.atomic import atomic_open
from kg.cli import main

def html_interrupted_half_way(net, path, title="Actor network"):
    with atomic_open(path) as handle:
        handle.write("<!DOCTYPE html><html><body><div id='half")
        handle.flush()
        os.kill(os.getpid(), signal.SIGINT)
        handle.write("never written")

kg.outputs.write_html = html_interrupted_half_way
sys.exit(main(sys.argv[1:]))
"""


def test_real_sigint_while_writing_leaves_previous_outputs_intact(tmp_path, previous_build):
    out, before = previous_build
    new_input = write(tmp_path, "second.txt", BACKING.replace("Russia", "Iran"))
    proc = subprocess.run([sys.executable, "-c", SIGINT_SCRIPT, "build", str(new_input), "--out", str(out),
                           "--quiet"], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert proc.returncode == 130, proc.stderr
    assert "interrupted; earlier outputs are left as they were" in proc.stderr
    assert snapshot(out) == before


def test_process_killed_mid_write_leaves_the_old_file_whole(tmp_path):
    target = write(tmp_path, "graph.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n")
    script = textwrap.dedent(f"""
        import os, signal
        from kg.atomic import atomic_open
        with atomic_open({str(target)!r}) as handle:
            handle.write("@prefix ex: <http://example.org/> .\\nex:a ex:b ")
            handle.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=120, check=False)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_text() == "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"
