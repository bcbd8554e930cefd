#!/usr/bin/env python3
"""PyTorch parity check for ablate4j's regression: the Keras-style net on the very same split.

Trains Dense(10, relu) -> Dropout(0.5) -> Dense(1) with mean squared error, Adam 1e-3 and batch 32 (the
configs/regression-dropout-bn.yaml variant {dropout: 0.5}) on the splits that ablate4j writes with

    ./ablate4j data split configs/regression-dropout-bn.yaml --out /tmp/diabetes-split

(normalized features; the target standardized on the training split, its mean and std in split.txt), for the
given seeds, and reports each seed's test RMSE in the target's own units at its best epoch by validation loss,
as ablate4j does, then the mean and sample standard deviation over seeds. Initialization as ablate4j's DL4J
network: He normal for the hidden layer (DL4J WeightInit.RELU), Xavier normal N(0, 2/(fanIn+fanOut)) for the
output layer (WeightInit.XAVIER), zero biases; minibatches reshuffled every epoch; one thread.

Run: python3 bench/regression_parity.py /tmp/diabetes-split --epochs 150 --seeds 1 2 3 4 5 6 7 8
(needs python3-torch; numbers go into BENCHMARKS.md next to ablate4j's from results/regression-dropout-bn/).
"""
import argparse
import csv
import math
import os
import statistics

import torch


def read(path):
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    x = torch.tensor([[float(v) for v in r[:-1]] for r in rows], dtype=torch.float32)
    y = torch.tensor([[float(r[-1])] for r in rows], dtype=torch.float32)
    return x, y


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("split", help="directory written by ./ablate4j data split")
    p.add_argument("--epochs", type=int, default=150)
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5, 6, 7, 8])
    p.add_argument("--hidden", type=int, default=10)
    p.add_argument("--dropout", type=float, default=0.5)
    a = p.parse_args()
    torch.set_num_threads(1)
    info = dict(line.split(": ", 1) for line in open(os.path.join(a.split, "split.txt")).read().splitlines())
    std = float(info["targetStd"])
    xtr, ytr = read(os.path.join(a.split, "train.csv"))
    xva, yva = read(os.path.join(a.split, "validation.csv"))
    xte, yte = read(os.path.join(a.split, "test.csv"))
    results = []
    for seed in a.seeds:
        torch.manual_seed(seed)
        hidden = torch.nn.Linear(xtr.shape[1], a.hidden)
        out = torch.nn.Linear(a.hidden, 1)
        torch.nn.init.normal_(hidden.weight, 0, math.sqrt(2 / xtr.shape[1]))
        torch.nn.init.normal_(out.weight, 0, math.sqrt(2 / (a.hidden + 1)))
        torch.nn.init.zeros_(hidden.bias)
        torch.nn.init.zeros_(out.bias)
        net = torch.nn.Sequential(hidden, torch.nn.ReLU(), torch.nn.Dropout(a.dropout), out)
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        best = (math.inf, None, 0)
        for epoch in range(1, a.epochs + 1):
            net.train()
            order = torch.randperm(len(xtr))
            for i in range(0, len(xtr), 32):
                idx = order[i:i + 32]
                opt.zero_grad()
                loss = torch.nn.functional.mse_loss(net(xtr[idx]), ytr[idx])
                loss.backward()
                opt.step()
            net.eval()
            with torch.no_grad():
                val = torch.nn.functional.mse_loss(net(xva), yva).item()
                test_rmse = std * torch.sqrt(torch.nn.functional.mse_loss(net(xte), yte)).item()
            if val < best[0]:
                best = (val, test_rmse, epoch)
        results.append(best[1])
        print(f"seed {seed}: test RMSE {best[1]:.2f} at best epoch {best[2]} (val loss {best[0]:.4f})")
    print(f"PyTorch {torch.__version__}: test RMSE {statistics.mean(results):.2f} ± "
          f"{statistics.stdev(results) if len(results) > 1 else 0:.2f} (mean ± sd over {len(results)} seeds)")


if __name__ == "__main__":
    main()
