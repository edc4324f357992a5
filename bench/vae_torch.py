#!/usr/bin/python3
"""The PyTorch reference of Certigrad's VAE, exactly the model sgc compiles
from examples/vae/vae.mlir: encoder 784-1000-1000 to the mean and log-variance
of a 30-d Gaussian, decoder 30-1000-1000-784, softplus, sigmoid, no biases,
reparameterized z, analytic KL, Bernoulli negative log-likelihood (logs
clamped at -100 as BCELoss), Glorot-uniform init, Adam(1e-3, 0.9, 0.999,
1e-8) on the batch's summed loss scaled by 1/batch, pixels / 256.

  vae_torch.py time BATCH THREADS STEPS WARMUP [ROUNDS]
      WARMUP steps on the first batches of Fashion-MNIST, then times
      ROUNDS rounds (default 1) of STEPS steps on the next batches; prints:
      batch threads ms/step (the least round) peak_rss_mb
  vae_torch.py epoch THREADS ROWS
      at batch 250: a training pass over the first ROWS training images
      (after 20 warm-up steps) and an evaluation pass (forward, no grad)
      over the 10k test images; prints: threads steps train_s eval_s
  vae_torch.py train EPOCHS MAX_TRAIN OUT.csv
      trains on Fashion-MNIST in the fixed batch order and writes
      epoch,train_loss per example after each epoch
"""
import gzip
import math
import resource
import sys
import time

import numpy as np
import torch

SHAPES = [(784, 1000), (1000, 1000), (1000, 30), (1000, 30), (30, 1000),
          (1000, 1000), (1000, 784)]


def init_params(seed):
    g = torch.Generator().manual_seed(seed)
    params = []
    for fan_in, fan_out in SHAPES:
        r = math.sqrt(6.0 / (fan_in + fan_out))
        w = (torch.rand(fan_in, fan_out, generator=g) * 2 - 1) * r
        params.append(w.requires_grad_())
    return params


def loss_fn(params, x):
    w1, w2, wmu, wlv, wd1, wd2, wp = params
    h = torch.nn.functional.softplus(x @ w1)
    h = torch.nn.functional.softplus(h @ w2)
    mu, lv = h @ wmu, h @ wlv
    sigma = torch.sqrt(torch.exp(lv))
    z = mu + sigma * torch.randn_like(mu)
    kl = -0.5 * torch.sum(1 + torch.log(sigma * sigma) - mu * mu - sigma * sigma)
    g = torch.nn.functional.softplus(z @ wd1)
    g = torch.nn.functional.softplus(g @ wd2)
    p = torch.sigmoid(g @ wp)
    nll = torch.nn.functional.binary_cross_entropy(p, x, reduction="sum")
    return kl + nll


def step(params, opt, x):
    opt.zero_grad(set_to_none=False)
    loss = loss_fn(params, x)
    (loss / x.shape[0]).backward()
    opt.step()
    return loss.item() / x.shape[0]


def adam(params):
    return torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)


DATA = "/usr/share/datasets/fashion-mnist/"


def train_seconds(params, opt, x, batch, first, steps):
    """Seconds of `steps` steps on consecutive batches of x (wrapping)."""
    batches = x.shape[0] // batch
    start = time.perf_counter()
    for i in range(first, first + steps):
        b = i % batches
        step(params, opt, x[b * batch:(b + 1) * batch])
    return time.perf_counter() - start


def time_steps(batch, threads, steps, warmup, rounds=1):
    """ms per step: the least of `rounds` rounds of `steps` steps (as
    sg-bench-vae times sgc's steps)."""
    torch.set_num_threads(threads)
    torch.manual_seed(3)
    x = load_images(DATA + "train-images-idx3-ubyte.gz", 0)
    params = init_params(1)
    opt = adam(params)
    train_seconds(params, opt, x, batch, 0, warmup)
    ms = min(train_seconds(params, opt, x, batch, warmup + r * steps, steps)
             for r in range(rounds)) / steps * 1e3
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{batch} {threads} {ms:.3f} {rss:.1f}")


def load_images(path, limit):
    with gzip.open(path, "rb") as f:
        data = f.read()
    n = int.from_bytes(data[4:8], "big")
    images = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, 784)
    if limit:
        images = images[:limit]
    return torch.from_numpy(images.astype(np.float32) / 256)


def time_epoch(threads, rows):
    torch.set_num_threads(threads)
    torch.manual_seed(3)
    x = load_images(DATA + "train-images-idx3-ubyte.gz", 0)
    test = load_images(DATA + "t10k-images-idx3-ubyte.gz", 0)
    params = init_params(1)
    opt = adam(params)
    steps = min(rows, x.shape[0]) // 250
    train_seconds(params, opt, x, 250, 0, 20)
    train_s = train_seconds(params, opt, x, 250, 20, steps)
    start = time.perf_counter()
    with torch.no_grad():
        total = sum(loss_fn(params, test[b * 250:(b + 1) * 250]).item()
                    for b in range(test.shape[0] // 250))
    eval_s = time.perf_counter() - start
    assert math.isfinite(total)
    print(f"{threads} {steps} {train_s:.3f} {eval_s:.3f}")


def train(epochs, max_train, out):
    torch.set_num_threads(2)
    torch.manual_seed(1)
    x = load_images("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz",
                    max_train)
    params = init_params(1)
    opt = adam(params)
    batches = x.shape[0] // 250
    with open(out, "w") as f:
        f.write("epoch,train_loss\n")
        for epoch in range(1, epochs + 1):
            for b in range(batches):
                step(params, opt, x[b * 250:(b + 1) * 250])
            with torch.no_grad():
                total = sum(loss_fn(params, x[b * 250:(b + 1) * 250]).item()
                            for b in range(batches)) / (batches * 250)
            f.write(f"{epoch},{total:.4f}\n")
            f.flush()
            print(f"pytorch epoch {epoch}: train {total:.2f}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "time":
        time_steps(*map(int, sys.argv[2:]))
    elif sys.argv[1] == "epoch":
        time_epoch(int(sys.argv[2]), int(sys.argv[3]))
    else:
        train(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
