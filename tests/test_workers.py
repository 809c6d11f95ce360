"""`--processes auto` (the default of kg build and kg extract): how many worker processes start.

The rule (kg/workers.py) is tested with the machine's cores and memory given as arguments, so
every branch runs on any machine; one end-to-end run checks the command line uses it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.cli import build_parser
from kg.workers import AUTO, AUTO_MIN_BYTES, WORKER_BYTES, auto_processes, available_memory, input_bytes, usable_cores

GB = 2**30


def sized(path, size: int):
    """A file of `size` bytes (sparse: nothing is written but its length)."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def test_a_large_input_gets_one_worker_per_core(tmp_path):
    big = sized(tmp_path / "news.jsonl", AUTO_MIN_BYTES)
    choice = auto_processes([str(big)], cores=4, memory=16 * GB)
    assert choice.processes == 4
    assert "4 usable cores" in choice.reason


def test_memory_caps_the_workers(tmp_path):
    big = sized(tmp_path / "news.jsonl", 5 * AUTO_MIN_BYTES)
    choice = auto_processes([str(big)], cores=8, memory=2 * WORKER_BYTES + 1)
    assert choice.processes == 2
    assert "memory for 2 workers" in choice.reason
    assert auto_processes([str(big)], cores=8, memory=WORKER_BYTES // 2).processes == 1


@pytest.mark.parametrize("cores", [1, 2])
def test_a_small_input_stays_in_one_process(tmp_path, cores):
    small = sized(tmp_path / "news.jsonl", AUTO_MIN_BYTES - 1)
    assert auto_processes([str(small)], cores=cores, memory=16 * GB).processes == 1


def test_one_core_means_one_process(tmp_path):
    big = sized(tmp_path / "news.jsonl", 3 * AUTO_MIN_BYTES)
    assert auto_processes([str(big)], cores=1, memory=16 * GB).processes == 1


def test_standard_input_is_of_unknown_size(tmp_path):
    big = sized(tmp_path / "news.jsonl", 3 * AUTO_MIN_BYTES)
    choice = auto_processes([str(big), "-"], cores=4, memory=16 * GB)
    assert choice.processes == 1
    assert "standard input" in choice.reason


def test_a_folder_counts_only_the_files_kg_reads(tmp_path):
    (tmp_path / "sub").mkdir()
    sized(tmp_path / "sub" / "scan.pdf", 3 * AUTO_MIN_BYTES)  # not read by kg, not counted
    sized(tmp_path / "a.txt", AUTO_MIN_BYTES // 2)
    assert input_bytes([str(tmp_path)]) == AUTO_MIN_BYTES // 2
    assert auto_processes([str(tmp_path)], cores=2, memory=16 * GB).processes == 1
    sized(tmp_path / "sub" / "b.HTML", AUTO_MIN_BYTES // 2)
    assert auto_processes([str(tmp_path)], cores=2, memory=16 * GB).processes == 2
    sized(tmp_path / "notes.md", 7)  # every suffix kg reads counts (kg/ingest.py SUPPORTED)
    sized(tmp_path / "feed.ndjson", 5)
    assert input_bytes([str(tmp_path)]) == AUTO_MIN_BYTES + 12


def test_counting_stops_once_the_threshold_is_reached(tmp_path):
    for name in ("a", "b", "c"):
        sized(tmp_path / f"{name}.txt", 600_000)
    assert input_bytes([str(tmp_path)]) == 1_800_000
    assert input_bytes([str(tmp_path)], stop_at=AUTO_MIN_BYTES) == 1_200_000  # two files of three


def test_missing_paths_count_nothing(tmp_path):
    assert input_bytes([str(tmp_path / "gone.jsonl")]) == 0


def test_this_machine_is_read():
    assert usable_cores() >= 1
    memory = available_memory()
    assert memory is None or memory > 0


@pytest.mark.parametrize("command", ["build", "extract"])
def test_the_option_takes_a_number_or_auto(command):
    parser = build_parser()
    assert parser.parse_args([command, "x"]).processes == AUTO
    assert parser.parse_args([command, "--processes", "AUTO", "x"]).processes == AUTO
    assert parser.parse_args([command, "--processes", "3", "x"]).processes == 3


@pytest.mark.parametrize("value", ["0", "many"])
def test_a_bad_count_is_refused_naming_auto(value):
    run = subprocess.run([sys.executable, "-m", "kg.cli", "extract", "--processes", value, "x"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert "--processes" in run.stderr and "auto" in run.stderr


def test_kg_extract_starts_workers_for_a_large_input_and_says_so(tmp_path):
    """The command line applies the rule: a megabyte of input on a machine of two or more cores
    gets workers, and the user is told how many and how to have one. (The text is not English,
    so it is refused before any worker is needed and the run is quick.)"""
    cores, memory = usable_cores(), available_memory()
    if cores < 2 or (memory is not None and memory < 2 * WORKER_BYTES):
        pytest.skip("needs two cores and memory for two workers")
    text = tmp_path / "invented.txt"
    text.write_text("Zorbak quintel vorpa mirandel sku. " * (AUTO_MIN_BYTES // 30), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(text)],
                         capture_output=True, text=True, check=False, timeout=120)
    expected = min(cores, memory // WORKER_BYTES) if memory is not None else cores
    assert f"kg: {expected} worker processes (" in run.stderr
    assert "--processes 1 for one" in run.stderr
    assert "does not look like English" in run.stderr
    assert run.returncode == 1
    one = subprocess.run([sys.executable, "-m", "kg.cli", "extract", "--processes", "1", str(text)],
                         capture_output=True, text=True, check=False, timeout=120)
    assert "worker processes" not in one.stderr
