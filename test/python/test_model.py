"""Loading, the model info, argument checks and the C ABI's results."""

import os
import subprocess

import numpy as np
import pytest

import sgc
from conftest import model_path

TINY = model_path("examples", "tiny", "tiny.mlir")


def tiny_arrays(rng=None):
    rng = rng or np.random.default_rng(7)
    return dict(x=rng.uniform(0.05, 0.95, (16, 4)).astype(np.float32),
                w=rng.uniform(-1, 1, (4, 2)).astype(np.float32),
                y=(rng.uniform(0, 1, (16, 2)) < 0.5).astype(np.float32))


@pytest.fixture(scope="module")
def tiny(cache):
    return sgc.compile(TINY, cache=cache)


def test_info_describes_the_graph(tiny):
    assert tiny.name == "tiny"
    assert [(a.name, a.role, a.shape) for a in tiny.args] == [
        ("x", "input", (16, 4)), ("w", "param", (4, 2)),
        ("y", "input", (16, 2))]
    assert all(a.dtype == np.float32 for a in tiny.args)
    assert [p.name for p in tiny.params] == ["w"]
    assert tiny.info.source.endswith("tiny.mlir")
    assert tiny.options == ""
    loss_grad = tiny.info.function(sgc._info.LOSS_GRAD)
    assert loss_grad.name == "tiny_loss_grad"
    assert [(t.name, t.role) for t in loss_grad.args] == [
        ("x", "input"), ("w", "param"), ("y", "input"), ("d_w", "grad"),
        ("loss", "loss")]


def test_options_are_recorded(cache):
    m = sgc.compile(TINY, cache=cache, batch_size=8, no_reparameterize=True)
    assert m.options == "--batch-size=8 --no-reparameterize"
    assert m.args[0].shape == (8, 4)


def test_compile_is_cached_by_content(tmp_path):
    source = tmp_path / "tiny.mlir"
    source.write_text(open(TINY).read())
    folder = str(tmp_path / "cache")
    first = sgc.compile(str(source), cache=folder)
    assert len(os.listdir(folder)) == 1
    again = sgc.compile(str(source), cache=folder)
    assert again.path == first.path and len(os.listdir(folder)) == 1
    sgc.compile(str(source), cache=folder, checked=True)
    assert len(os.listdir(folder)) == 2
    source.write_text(open(TINY).read() + "\n// changed\n")
    changed = sgc.compile(str(source), cache=folder)
    assert changed.path != first.path and len(os.listdir(folder)) == 3


def test_compile_errors_carry_the_diagnostic(tmp_path):
    bad = tmp_path / "bad.mlir"
    bad.write_text(open(model_path("test", "sgc", "Inputs",
                                   "bad-cost.mlir")).read())
    with pytest.raises(sgc.CompileError, match="bad.mlir:.*error"):
        sgc.compile(str(bad), cache=str(tmp_path))


def test_load_a_library_by_path(tiny):
    again = sgc.load(tiny.path)
    assert again.name == "tiny" and again.args == tiny.args


def test_load_rejects_what_sgc_did_not_build():
    with pytest.raises(ValueError, match="not a library built by this sgc"):
        sgc.load(sgc.optim.find_runtime())


def test_load_names_the_graphs(cache):
    ops = sgc.compile(model_path("test", "e2e", "checked.mlir"), graph="g",
                      cache=cache, w=True)
    assert ops.name == "g"
    with pytest.raises(ValueError, match="holds graphs g, domains"):
        sgc.load(ops.path)
    assert sgc.load(ops.path, graph="domains").name == "domains"
    with pytest.raises(ValueError, match="no graph 'h'"):
        sgc.load(ops.path, graph="h")


@pytest.mark.parametrize("change, message", [
    (dict(w=np.zeros((2, 4), np.float32)),
     r"argument 'w' has shape \(2, 4\); the model takes \(4, 2\)"),
    (dict(w=np.zeros((4, 2), np.float64)),
     "argument 'w' has dtype float64; the model takes float32"),
    (dict(x=np.zeros((4, 16), np.float32).T),
     "argument 'x' is not C-contiguous"),
    (dict(y=[[0.0] * 2] * 16), "argument 'y' must be a numpy array"),
    (dict(z=np.zeros(1, np.float32)), "tiny has no argument 'z'"),
])
def test_bad_arrays_are_rejected_by_name(tiny, change, message):
    arrays = tiny_arrays()
    arrays.update(change)
    with pytest.raises(ValueError, match=message):
        tiny.loss_grad(seed=1, step=0, **arrays)


def test_missing_argument_and_bad_step(tiny):
    arrays = tiny_arrays()
    del arrays["y"]
    with pytest.raises(ValueError, match="missing argument 'y'"):
        tiny.forward(**arrays)
    with pytest.raises(ValueError, match="step 4294967296 out of range"):
        tiny.loss_grad(seed=1, step=1 << 32, **tiny_arrays())


def test_arrays_are_passed_without_copies(tiny):
    arrays = tiny_arrays()
    out = {"w": np.full((4, 2), np.nan, np.float32)}
    loss, grads = tiny.loss_grad(seed=3, step=5, grads=out, **arrays)
    assert grads["w"] is out["w"] and np.isfinite(out["w"]).all()
    # The model read the caller's buffers: a change shows in the next call.
    arrays["w"] += 0.5
    loss2, _ = tiny.loss_grad(seed=3, step=5, **arrays)
    assert loss2 != loss


def test_arguments_may_come_as_a_dict(tiny):
    arrays = tiny_arrays()
    assert (tiny.loss_grad(arrays, seed=4, step=1)[0] ==
            tiny.loss_grad(seed=4, step=1, **arrays)[0])
    with pytest.raises(ValueError, match="no parameter 'x' to write"):
        tiny.loss_grad(arrays, grads={"x": np.zeros((16, 4), np.float32)})


def test_forward_matches_loss_grad(tiny):
    arrays = tiny_arrays()
    loss, outputs = tiny.forward(seed=11, step=2, **arrays)
    assert outputs == []
    loss2, _ = tiny.loss_grad(seed=11, step=2, **arrays)
    assert loss == loss2 and np.isfinite(loss) and loss > 0


def test_results_equal_the_c_abi_bit_for_bit(tiny_app, tmp_path):
    app, lib = tiny_app
    m = sgc.load(lib)
    arrays = tiny_arrays(np.random.default_rng(1))
    data = tmp_path / "in.bin"
    data.write_bytes(b"".join(arrays[k].tobytes() for k in ("x", "w", "y")))
    for seed, step in ((0, 0), (42, 17), (2**63 + 5, 2**32 - 1)):
        out = tmp_path / "out.bin"
        subprocess.run([app, "grad", str(data), str(out), str(seed),
                        str(step)], check=True)
        raw = np.frombuffer(out.read_bytes(), np.float32)
        loss, grads = m.loss_grad(seed=seed, step=step, **arrays)
        assert np.float32(loss).tobytes() == raw[:1].tobytes()
        assert grads["w"].tobytes() == raw[1:].tobytes()


def test_checked_mode_raises_with_op_and_location(cache):
    m = sgc.compile(model_path("test", "e2e", "checked.mlir"), graph="g",
                    cache=cache, checked=True, w=True)
    assert [c.op for c in m.checks[:2]] == ["sg.log", "sg.log"]
    good = dict(w=np.array([1, 2], np.float32), v=np.zeros(2, np.float32))
    assert np.isfinite(m.forward(**good)[0])
    bad = dict(w=np.array([1, -2], np.float32), v=np.zeros(2, np.float32))
    with pytest.raises(sgc.CheckError) as error:
        m.loss_grad(seed=0, step=0, **bad)
    site = error.value.site
    assert (site.op, site.line, site.column, site.what) == (
        "sg.log", 4, 8, "argument not positive")
    assert site.file.endswith("checked.mlir")
    assert str(error.value) == (
        f"g_loss_grad: run-time check failed: {site.file}:4:8: sg.log: "
        "argument not positive")


def test_kink_counts_accumulate(cache):
    m = sgc.compile(model_path("test", "e2e", "kinks.mlir"), graph="relu",
                    cache=cache, instrument_kinks=True)
    assert [k.op for k in m.kinks][:1] == ["sg.relu"]
    w = np.array([0.0, 1.0, 0.0])
    m.loss_grad(w=w)
    m.forward(w=w)
    relu = [i for i, k in enumerate(m.kinks) if k.op == "sg.relu"][0]
    assert m.kink_counts[relu] == 4
    site, count = m.kinks_hit()[0]
    assert site.op == "sg.relu" and count == 4 and site.line > 0


def test_baselines_are_kept_between_calls(cache):
    m = sgc.compile(model_path("test", "e2e", "abi.mlir"), cache=cache,
                    baseline="moving-average", no_reparameterize=True,
                    w=True)
    assert len(m.baselines) == 1 and m.baselines[0] == 0
    arrays = dict(x=np.full((2, 3), 0.5, np.float32),
                  w=np.full((3, 2), 0.25, np.float32))
    loss, _ = m.loss_grad(seed=1, step=0, **arrays)
    # new_baseline = decay * 0 + (1 - decay) * (sum of the costs).
    np.testing.assert_allclose(m.baselines[0], 0.1 * loss, rtol=1e-6)
    loss2, _ = m.loss_grad(seed=1, step=1, **arrays)
    np.testing.assert_allclose(m.baselines[0], 0.9 * 0.1 * loss + 0.1 * loss2,
                               rtol=1e-5)


def test_runtime_optimizers_update_in_place():
    w = np.array([1.0, 2.0], np.float32)
    g = np.array([0.5, -1.0], np.float32)
    sgc.SGD({"w": w}, lr=0.1).step({"w": g})
    np.testing.assert_array_equal(w, np.float32([1.0, 2.0]) -
                                  np.float32(0.1) * g)
    w64 = np.array([1.0, 2.0])
    adam = sgc.Adam({"w": w64}, lr=0.01)
    adam.step({"w": g.astype(np.float64)})
    # First Adam step: m / sqrt(v) = sign(g), so w moves by lr per element.
    np.testing.assert_allclose(w64, [0.99, 2.01], rtol=1e-6)
    with pytest.raises(ValueError, match="'w': parameter float32"):
        sgc.SGD({"w": w}, lr=0.1).step({"w": g.astype(np.float64)})
