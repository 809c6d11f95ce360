"""One BLAS thread per process for the command line, set before numpy loads.

The small CNN pipeline's matrices are too small to share out between threads, and OpenBLAS
built with threads pays for them on every call once it starts with more than one: bare spaCy
over the re3d stories 16 times, one process, took 21.4-22.0 s (22.3-23.0 CPU-seconds) with
OpenBLAS's default of one thread per core and 18.5-20.3 s (19.2-21.1 CPU-seconds) with
OPENBLAS_NUM_THREADS=1. Limiting the threads after numpy has loaded (threadpoolctl) did not
help (21.4 s): OpenBLAS must start that way. So `kg`'s command line sets the variable when it
starts, before anything imports numpy, unless the user set one of THREAD_SETTINGS; worker
processes (kg build's engine, Dask's LocalCluster) inherit it. `import kg` from Python sets
nothing: set OPENBLAS_NUM_THREADS=1 before importing numpy to get the same there.
"""

from __future__ import annotations

import os
import sys

# Set by the user, these choose the BLAS threads themselves, and are left as they are.
THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> bool:
    """Ask for one OpenBLAS thread if numpy has not loaded yet and the user chose nothing;
    True when the setting was made."""
    if "numpy" in sys.modules or any(name in os.environ for name in THREAD_SETTINGS):
        return False
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    return True
