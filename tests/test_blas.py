"""The command line asks OpenBLAS for one thread before numpy loads (kg/blas.py), and leaves
a user's own thread setting, and a process where numpy is already loaded, as they are."""

from __future__ import annotations

import os
import subprocess
import sys

from kg.blas import THREAD_SETTINGS

SEEN = """
import os, sys
{before}
import kg.cli
import numpy
print(os.environ.get("OPENBLAS_NUM_THREADS"), os.environ.get("OMP_NUM_THREADS"))
"""


def _run(before: str = "", **settings: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in THREAD_SETTINGS}
    done = subprocess.run([sys.executable, "-c", SEEN.format(before=before)], capture_output=True, text=True,
                          check=True, env={**env, **settings})
    return done.stdout.strip()


def test_the_command_line_starts_numpy_with_one_blas_thread():
    assert _run() == "1 None"


def test_a_users_thread_setting_is_left_alone():
    assert _run(OMP_NUM_THREADS="2") == "None 2"
    assert _run(OPENBLAS_NUM_THREADS="3") == "3 None"


def test_nothing_is_set_once_numpy_has_loaded():
    # too late to matter: OpenBLAS has started with its own threads
    assert _run(before="import numpy") == "None None"


def test_importing_kg_from_python_sets_nothing():
    env = {k: v for k, v in os.environ.items() if k not in THREAD_SETTINGS}
    code = "import os, kg; kg.load(); print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.strip() == "None"
