"""Outputs are replaced as a set, `--out` and `--store` are locked before any work, and an
interrupt or a kill at any moment leaves either the old set or the new one, said as it is."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ACCUSING, BACKING, KG, OUTPUT_NAMES, ROOT, run_kg, snapshot, write

from kg.atomic import JOURNAL, STAGING_PREFIX, FolderBusy, locked_folder, recover, staged_folder, write_text


def doc_ids(out) -> set[str]:
    return {json.loads(line)["cite_info"]["doc_id"] for line in (out / "events.jsonl").read_text().split("\n")[:-1]}


def test_two_builds_sharing_out_and_store_one_wins_and_the_outputs_are_its_own(tmp_path):
    out, store = tmp_path / "out", tmp_path / "store"
    inputs = [write(tmp_path, "first.txt", BACKING), write(tmp_path, "second.txt", ACCUSING)]
    procs = [subprocess.Popen([str(KG), "build", str(path), "--out", str(out), "--store", str(store), "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
             for path in inputs]
    results = [(proc.wait(timeout=300), proc.stderr.read()) for proc in procs]
    for proc in procs:
        proc.stdout.close()
        proc.stderr.close()
    codes = [code for code, _ in results]
    assert sorted(codes) == [0, 1], results
    winner = codes.index(0)
    loser_err = results[1 - winner][1]
    assert "another kg process is writing to the" in loser_err and "Traceback" not in loser_err
    assert doc_ids(out) == {inputs[winner].stem}


def test_a_build_into_a_locked_out_folder_is_refused_before_any_work(tmp_path):
    out, store = tmp_path / "out", tmp_path / "store"
    with locked_folder(out, "output folder"):
        started = time.monotonic()
        run = run_kg("build", write(tmp_path, "a.txt", BACKING), "--out", out, "--store", store, "--quiet")
        seconds = time.monotonic() - started
    assert run.code == 1
    assert run.err == f"kg: error: another kg process is writing to the output folder {out}; wait for it to " \
                      "finish or choose another folder\n"
    assert list(out.iterdir()) == [] and not store.exists()  # nothing written, the store not even created
    assert seconds < 60  # refused, not waited for


def test_a_build_into_a_locked_store_leaves_out_untouched(tmp_path, kg_main):
    out, store = tmp_path / "out", tmp_path / "store"
    assert kg_main("build", write(tmp_path, "a.txt", BACKING), "--out", out, "--quiet").code == 0
    before = snapshot(out)
    with locked_folder(store, "store"):
        run = kg_main("build", write(tmp_path, "b.txt", ACCUSING), "--out", out, "--store", store, "--quiet")
    assert run.code == 1 and f"writing to the store {store}" in run.err
    assert snapshot(out) == before


@pytest.mark.parametrize("kind", ["file", "folder of other files", "same as out"])
def test_a_store_argument_that_cannot_be_a_store_is_refused_before_out_is_touched(tmp_path, kg_main, kind):
    out = tmp_path / "out"
    assert kg_main("build", write(tmp_path, "a.txt", BACKING), "--out", out, "--quiet").code == 0
    before = snapshot(out)
    store = {"file": write(tmp_path, "store", "a file"), "folder of other files": tmp_path / "docs",
             "same as out": out}[kind]
    if kind == "folder of other files":
        write(store, "notes.md", "mine")
    run = kg_main("build", write(tmp_path, "b.txt", ACCUSING), "--out", out, "--store", store, "--quiet")
    assert run.code == 1 and run.err.startswith("kg: error: ") and "Traceback" not in run.err
    assert snapshot(out) == before


def test_the_lock_is_released_with_the_process_and_leaves_no_file(tmp_path):
    out = tmp_path / "out"
    with locked_folder(out, "output folder"), pytest.raises(FolderBusy), locked_folder(out, "output folder"):
        pass
    with locked_folder(out, "output folder"):
        pass
    assert list(out.iterdir()) == []


# A real `kg build` killed (SIGKILL) between two renames of the commit: the moment is fixed by
# patching the move so that it kills the process after moving two of the four files.
KILLED_MID_COMMIT = """
import os, signal, sys
import kg.atomic
from kg.cli import main

def move_two_then_die(stage, out):
    for number, path in enumerate(sorted(stage.iterdir())):
        if number == 2:
            os.kill(os.getpid(), signal.{signal})
        os.replace(path, out / path.name)

kg.atomic._move_all = move_two_then_die
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def old_build(tmp_path, kg_main):
    out = tmp_path / "out"
    assert kg_main("build", write(tmp_path, "old.txt", BACKING), "--out", out, "--quiet").code == 0
    return out, snapshot(out)


def test_a_kill_between_renames_is_finished_by_the_next_build(tmp_path, old_build, kg_main):
    out, before = old_build
    new_input = write(tmp_path, "new.txt", ACCUSING)
    proc = subprocess.run([sys.executable, "-c", KILLED_MID_COMMIT.replace("{signal}", "SIGKILL"), "build",
                           str(new_input), "--out", str(out), "--quiet"], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, check=False)
    assert proc.returncode == -signal.SIGKILL
    left = snapshot(out)
    assert JOURNAL in left and any(name.startswith(STAGING_PREFIX) for name in left)
    assert sum(left[name] != before[name] for name in OUTPUT_NAMES) == 2  # the mix a kill can leave ...
    # ... which the next build completes before anything else, even one that then reads nothing
    run = kg_main("build", tmp_path / "missing.txt", "--out", out, "--quiet")
    assert run.code == 1 and "no article could be read" in run.err
    assert f"kg: note: {out}: finished replacing the outputs a stopped run had begun to replace" in run.err
    assert recover(out) == []
    assert set(snapshot(out)) == set(OUTPUT_NAMES)
    assert doc_ids(out) == {"new"}
    assert all(snapshot(out)[name] != before[name] for name in OUTPUT_NAMES)


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_ctrl_c_or_sigterm_during_the_renames_is_held_until_the_set_is_in_place(tmp_path, old_build, name):
    out, before = old_build
    new_input = write(tmp_path, "new.txt", ACCUSING)
    proc = subprocess.run([sys.executable, "-c", KILLED_MID_COMMIT.replace("{signal}", name), "build",
                           str(new_input), "--out", str(out), "--quiet"], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, check=False)
    if name == "SIGINT":
        assert proc.returncode == 130, proc.stderr
        assert f"kg: interrupted after the new outputs were written to {out}" in proc.stderr
        assert "left as they were" not in proc.stderr
    else:
        assert proc.returncode == -signal.SIGTERM, proc.stderr
    assert set(snapshot(out)) == set(OUTPUT_NAMES)
    assert doc_ids(out) == {"new"}


def test_stale_staging_folders_are_removed_by_the_next_build(tmp_path, kg_main, old_build):
    out, _ = old_build
    stale = out / f"{STAGING_PREFIX}killed"
    write_text(stale / "graph.ttl", "half")
    run = kg_main("build", write(tmp_path, "b.txt", ACCUSING), "--out", out, "--quiet")
    assert run.code == 0, run.err
    assert f"kg: note: {out}: removed {stale.name}, left by a run that was stopped" in run.err
    assert set(snapshot(out)) == set(OUTPUT_NAMES)


def test_an_error_inside_the_stage_removes_it_and_keeps_the_old_set(tmp_path):
    out = tmp_path / "out"
    write(out, "a.txt", "old")
    with pytest.raises(RuntimeError), staged_folder(out) as stage:
        write_text(stage / "a.txt", "new")
        raise RuntimeError("render failed")
    assert snapshot(out) == {"a.txt": b"old"}
    assert not os.path.exists(out / JOURNAL)
