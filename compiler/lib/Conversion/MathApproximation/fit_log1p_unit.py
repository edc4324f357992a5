#!/usr/bin/env python3
"""The coefficients of kLog1pUnit (ApproximateMath.cpp): log1p(e) = e + e^2 R(e)
on [0, 1], R a polynomial of degree 8 fitted to the relative error of log1p
(double, at 4,000 Chebyshev nodes), by least squares reweighted toward the
largest errors (a few rounds approach the minimax fit), then rounded to f32.

Prints the coefficients, constant term first, and the largest relative error
of the f32 evaluation (Horner with FMAs, as the rewrite emits it) over 2.2M
points of [0, 1]. Usage: /usr/bin/python3 fit_log1p_unit.py (needs numpy).
"""
import numpy as np

DEGREE = 8

k = np.arange(4000)
e = (np.cos(np.pi * (k + 0.5) / 4000) + 1) / 2
f = np.log1p(e)
R = (f / e - 1) / e
scale = e * e / f  # an error in R, relative to log1p
V = np.vander(e, DEGREE + 1, increasing=True)
w = np.ones_like(e)
for _ in range(40):
    c, *_ = np.linalg.lstsq(V * (w * scale)[:, None], R * w * scale, rcond=None)
    err = np.abs(V @ c - R) * scale
    w *= (1 + err / err.max()) ** 2
c32 = c.astype(np.float32)
print("coefficients:", ", ".join("%.9g" % x for x in c32))


def fma(a, b, c):  # one rounding, as the FMA instruction
    return (a.astype(np.float64) * b + c).astype(np.float32)


x = np.concatenate([np.linspace(0, 1, 2000001)[1:],
                    np.exp(-np.linspace(0, 30, 200001))]).astype(np.float32)
r = np.full_like(x, c32[-1])
for a in c32[-2::-1]:
    r = fma(r, x, np.float32(a))
y = fma(x, (x * r).astype(np.float32), x)
ref = np.log1p(x.astype(np.float64))
print("largest relative error in f32: %.3g" % (np.abs(y - ref) / ref).max())
