"""Running sgc: ``sgc.compile("model.mlir", **options)``, cached by content."""

import hashlib
import os
import shutil
import subprocess
import tempfile

from .model import load

_HERE = os.path.dirname(os.path.abspath(__file__))


class CompileError(RuntimeError):
    """sgc rejected a model; the message holds its located diagnostics."""

    def __init__(self, source, returncode, stderr):
        super().__init__(f"sgc failed on {source}:\n{stderr.rstrip()}")
        self.returncode = returncode
        self.stderr = stderr


def find_sgc():
    """The sgc to run: $SGC, the sgc installed with this package
    (<prefix>/bin/sgc), or the first on PATH."""
    candidates = [os.environ.get("SGC")]
    # Installed as <prefix>/lib/python3/dist-packages/sgc or
    # <prefix>/lib/pythonX.Y/site-packages/sgc.
    prefix = os.path.normpath(os.path.join(_HERE, os.pardir, os.pardir,
                                           os.pardir, os.pardir))
    candidates.append(os.path.join(prefix, "bin", "sgc"))
    candidates.append(shutil.which("sgc"))
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.abspath(c)
    raise FileNotFoundError("sgc not found: set $SGC, install sgc with this "
                            "package, or put it on PATH")


def options_to_argv(options):
    """``{'batch_size': 16, 'checked': True}`` as sgc flags
    ``['--batch-size=16', '--checked']`` (False and None are left out)."""
    argv = []
    for key in sorted(options):
        value = options[key]
        flag = "--" + key.replace("_", "-")
        if value is True:
            argv.append(flag)
        elif value is False or value is None:
            continue
        else:
            argv.append(f"{flag}={value}")
    return argv


def _digest(path, h):
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)


def cache_dir():
    """$SGC_CACHE_DIR, else $XDG_CACHE_HOME/sgc or ~/.cache/sgc."""
    if os.environ.get("SGC_CACHE_DIR"):
        return os.environ["SGC_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sgc")


def compile(source, graph=None, sgc=None, cache=None, **options):
    """Compiles the model file ``source`` with sgc and loads it.

    Keyword options become sgc flags (``checked=True`` is ``--checked``,
    ``batch_size=16`` is ``--batch-size=16``, ``baseline="moving-average"``
    is ``--baseline=moving-average``; see ``sgc --help``). The library is
    cached under ``cache`` (default: ``cache_dir()``) by the SHA-256 of the
    source, the flags and the sgc binary and runtime archive, so a second
    call with the same inputs loads it without running sgc. A model sgc
    rejects raises ``CompileError`` with sgc's diagnostics.
    """
    source = os.fspath(source)
    sgc = sgc or find_sgc()
    argv = options_to_argv(options)
    h = hashlib.sha256()
    _digest(source, h)
    h.update(b"\0".join(a.encode() for a in argv) + b"\0")
    _digest(sgc, h)
    runtime = os.path.join(os.path.dirname(sgc), os.pardir, "lib",
                           "libsg_runtime.a")
    if os.path.exists(runtime):
        _digest(runtime, h)
    folder = cache or cache_dir()
    os.makedirs(folder, exist_ok=True)
    stem = os.path.splitext(os.path.basename(source))[0]
    library = os.path.join(folder, f"{stem}-{h.hexdigest()[:32]}.so")
    if not os.path.exists(library):
        # Compile next to the final name and rename, so concurrent callers
        # never load a half-written library.
        fd, partial = tempfile.mkstemp(suffix=".so", dir=folder)
        os.close(fd)
        try:
            run = subprocess.run([sgc, source, *argv, "-o", partial],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                raise CompileError(source, run.returncode, run.stderr)
            os.replace(partial, library)
        finally:
            if os.path.exists(partial):
                os.remove(partial)
    return load(library, graph=graph)
