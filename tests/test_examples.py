"""The examples and the benchmark script run (so they never rot)."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = sorted(f for f in os.listdir(os.path.join(ROOT, "examples")) if f.endswith(".py"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs(name):
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "examples", name)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
def test_engine_benchmark_quick_run():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "engine.py"),
                           "--quick"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "RATIO" in proc.stdout


@pytest.mark.slow
def test_landscape_benchmark_quick_run():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "landscape.py"),
                           "--quick"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "RATIO" in proc.stdout


@pytest.mark.slow
def test_certificates_benchmark_quick_run():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "certificates.py"),
                           "--quick"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "RATIO" in proc.stdout
