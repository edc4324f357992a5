"""Fixtures for the sgc Python package tests.

Run from the repository root with the package on the path and this build's
sgc:  SGC=build/bin/sgc PYTHONPATH=python python3 -m pytest test/python
(scripts/test.sh does). $SGC defaults to build/bin/sgc.
"""

import os
import shutil
import subprocess

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir,
                                    os.pardir))
HERE = os.path.dirname(os.path.abspath(__file__))

os.environ.setdefault("SGC", os.path.join(ROOT, "build", "bin", "sgc"))


def model_path(*parts):
    return os.path.join(ROOT, *parts)


@pytest.fixture(scope="session")
def sgc_bin():
    path = os.environ["SGC"]
    if not os.access(path, os.X_OK):
        pytest.fail(f"no sgc at {path}: build it or set $SGC")
    return path


@pytest.fixture(scope="session")
def cache(tmp_path_factory):
    """One compile cache for the session."""
    return str(tmp_path_factory.mktemp("sgc-cache"))


@pytest.fixture(scope="session")
def c_compiler():
    for cc in ("cc", "clang-19", "gcc"):
        path = shutil.which(cc)
        if path:
            return path
    pytest.fail("no C compiler (cc, clang-19, gcc)")


@pytest.fixture(scope="session")
def tiny_app(sgc_bin, c_compiler, tmp_path_factory):
    """tiny_app.c linked against tiny.so through the generated header: the
    C ABI called directly, and a training loop with the runtime's SGD."""
    folder = tmp_path_factory.mktemp("tiny-app")
    model = model_path("examples", "tiny", "tiny.mlir")
    lib = str(folder / "libtiny.so")
    subprocess.run([sgc_bin, model, "-o", lib], check=True)
    subprocess.run([sgc_bin, model, "--emit=header", "-o",
                    str(folder / "tiny.h")], check=True)
    runtime_include = model_path("runtime", "include")
    runtime_lib = os.path.join(os.path.dirname(sgc_bin), os.pardir, "lib",
                               "libsg_runtime.a")
    app = str(folder / "tiny_app")
    subprocess.run([c_compiler, "-std=c11", "-O1", "-ffp-contract=off",
                    "-I", str(folder), "-I", runtime_include,
                    os.path.join(HERE, "tiny_app.c"), lib, runtime_lib,
                    "-lopenblas", "-lz", "-lm", "-lpthread",
                    f"-Wl,-rpath,{folder}", "-o", app], check=True)
    return app, lib
