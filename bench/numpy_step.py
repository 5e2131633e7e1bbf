#!/usr/bin/env python3
"""Native reference for `npm run bench`: the same full-batch GD step as src/engine/train.ts
(depth 2, tanh, NTK parametrization, sigma_w^2 = 1, sigma_b^2 = 0.1, 256 inputs on [-3, 3], MSE)
in numpy float32, steps/s per width. Usage: numpy_step.py SECONDS WIDTH [WIDTH ...]; prints JSON."""
import json
import sys
import time

import numpy as np


def make(width, n=256, seed=1):
    rng = np.random.default_rng(seed)
    sizes = [1, width, width, 1]
    Ws = [rng.standard_normal((sizes[l + 1], sizes[l])).astype(np.float32) for l in range(3)]
    bs = [rng.standard_normal(sizes[l + 1]).astype(np.float32) for l in range(3)]
    sw = [np.float32(np.sqrt(1.0 / sizes[l])) for l in range(3)]
    sb = np.float32(np.sqrt(0.1))
    x = np.linspace(-3, 3, n, dtype=np.float32).reshape(n, 1)
    y = np.sin(x[:, 0]).astype(np.float32)
    return Ws, bs, sw, sb, x, y


def step(Ws, bs, sw, sb, x, y, lr):
    n = x.shape[0]
    a = [x]
    h = []
    for l in range(3):
        hl = sw[l] * (a[l] @ Ws[l].T) + sb * bs[l]  # h = s_w a Wᵀ + s_b b
        h.append(hl)
        if l < 2:
            a.append(np.tanh(hl))
    f = h[2][:, 0]
    r = f - y
    loss = float(r @ r) / (2 * n)
    g = (r / n).reshape(n, 1).astype(np.float32)  # dL/dh_3
    for l in (2, 1, 0):
        gW = sw[l] * (g.T @ a[l])
        gb = sb * g.sum(0)
        if l > 0:
            g = (sw[l] * (g @ Ws[l])) * (1 - a[l] ** 2)
        Ws[l] -= lr * gW
        bs[l] -= lr * gb
    return loss


def main():
    seconds = float(sys.argv[1])
    out = {"numpy": np.__version__, "cells": []}
    for width in (int(w) for w in sys.argv[2:]):
        Ws, bs, sw, sb, x, y = make(width)
        step(Ws, bs, sw, sb, x, y, 0.01)  # warm-up
        steps, t0 = 0, time.perf_counter()
        while steps < 3 or time.perf_counter() - t0 < seconds:
            step(Ws, bs, sw, sb, x, y, 0.01)
            steps += 1
        dt = time.perf_counter() - t0
        out["cells"].append({"width": width, "steps": steps, "seconds": dt, "stepsPerSec": steps / dt})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
