#!/usr/bin/env python3
"""PyTorch reference throughput for ``./ablate4j bench``.

What it measures
----------------
Training throughput (samples/s) of the reference network on the full
Fashion-MNIST training set (60,000 images), so that ``./ablate4j bench`` can put
DL4J's trial throughput next to PyTorch's, measured on the same machine in the
same run. For every epoch it times only the training loop (shuffling, batch
gathering, forward, backward, Adam step); reading and decoding the IDX files and
the test evaluation are not timed. samples/s = 60000 / epoch seconds. Epoch 1 is
warm-up (allocator, thread pools, kernel selection), so the number reported is
the MEDIAN over epochs 2..N. It also reports test accuracy after the last epoch
(model.eval(), no grad) as a sanity check that real training happened (~0.85+
after 3 epochs), and the peak resident set size.

Layouts:
  single    one trial in this process, with --threads intra-op threads.
  parallel  --trials N concurrent trials, each in its own process (multiprocessing,
            'spawn' start method) with --threads (default 1) thread each, started
            together behind a barrier. Reports each trial's median samples/s, their
            sum (aggregate_samples_per_second), and total samples / wall time over
            the measured (post-warm-up) window (aggregate_wall_samples_per_second).

Why the settings match the DL4J side
------------------------------------
The DL4J reference trial (DESIGN.md, "Reference numbers") is: MLP 784-256-256-10,
ReLU, dropout 0.5 after each hidden layer, softmax output with multi-class
cross-entropy (mean over the minibatch), Adam lr 1e-3 / beta1 0.9 / beta2 0.999 /
eps 1e-8, minibatch 128 shuffled every epoch, pixels scaled to [0,1], full
Fashion-MNIST. This script builds exactly that: nn.Linear + nn.ReLU + nn.Dropout(0.5)
(PyTorch's argument is the DROP probability 0.5, i.e. DL4J's retain probability
0.5), nn.CrossEntropyLoss (log-softmax + NLL, mean reduction), torch.optim.Adam with
the same hyper-parameters, no weight decay. The last partial batch is kept, as the
DL4J iterator does. Threads default to one per trial because on the reference
2-vCPU VM a second intra-op thread adds nothing and trials run in parallel
instead; --threads sets torch.set_num_threads(N) and torch.set_num_interop_threads(1)
before any tensor work, and OMP_NUM_THREADS / MKL_NUM_THREADS are set to N before
torch is imported (if --threads is not given, a caller's OMP_NUM_THREADS is used).

BLAS: Debian's torch is built with BLAS_INFO=generic, so nn.Linear's GEMMs go to
whatever libblas.so.3 the alternatives system selects. With only libblas3 (netlib
reference BLAS, ~3 GFLOP/s) throughput is several times lower than with OpenBLAS
(libopenblas0-pthread), which the ~19,700 samples/s reference assumes. The library
actually mapped is reported ("blas", "blas_library") and a warning is printed
when it is the reference BLAS.

Output: human-readable lines on stderr; with --json exactly one JSON object on
stdout. Exit codes: 0 ok, 2 missing torch/numpy or data files, or bad usage,
1 a trial failed.

Requires Python 3 with torch and numpy (Debian: apt-get install python3-torch
dataset-fashion-mnist). Standard library + torch + numpy only.
"""

import argparse
import gzip
import json
import multiprocessing as mp
import os
import resource
import signal
import statistics
import struct
import sys
import time

FIX_HINT = "apt-get install python3-torch dataset-fashion-mnist"
TRAIN_N = 60000
TEST_N = 10000
FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


class UsageError(Exception):
    """Problem the caller can fix (missing data, missing torch): exit 2."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- data

def candidate_dirs(explicit):
    if explicit:
        return [explicit]
    here = os.path.dirname(os.path.abspath(__file__))
    repo_root = os.path.dirname(here)
    dirs = [os.path.join("datasets", "fashion-mnist"),
            os.path.join(repo_root, "datasets", "fashion-mnist")]
    env = os.environ.get("ABLATE4J_DATA")
    if env:
        dirs += [env, os.path.join(env, "fashion-mnist")]
    dirs.append("/usr/share/datasets/fashion-mnist")
    seen, out = set(), []
    for d in dirs:
        key = os.path.realpath(d)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def find_files(directory):
    """Returns {key: path} if all four IDX files exist in directory, else None."""
    found = {}
    for key, base in FILES.items():
        for name in (base, base + ".gz"):
            p = os.path.join(directory, name)
            if os.path.isfile(p):
                found[key] = p
                break
        else:
            return None
    return found


def locate_data(explicit):
    tried = candidate_dirs(explicit)
    for d in tried:
        files = find_files(d)
        if files:
            return d, files
    raise UsageError(
        "Fashion-MNIST IDX files not found (need %s, raw or .gz) in: %s.\n"
        "Fix: %s  (installs them under /usr/share/datasets/fashion-mnist), or\n"
        "     ./ablate4j data fetch fashion-mnist, or pass --data DIR."
        % (", ".join(FILES.values()), ", ".join(tried), FIX_HINT))


def read_idx(path, expected_magic, expected_count):
    import numpy as np
    with open(path, "rb") as f:
        head = f.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as f:
            data = f.read()
    except (OSError, EOFError) as e:
        raise UsageError("cannot read %s (corrupt or truncated?): %s" % (path, e))
    if len(data) < 8:
        raise UsageError("%s: too short to be an IDX file" % path)
    magic, count = struct.unpack(">II", data[:8])
    if magic != expected_magic:
        raise UsageError("%s: bad IDX magic 0x%08x (expected 0x%08x)"
                         % (path, magic, expected_magic))
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    offset = 4 + 4 * ndim
    size = 1
    for d in dims:
        size *= d
    if count != expected_count:
        raise UsageError("%s: %d items, expected %d" % (path, count, expected_count))
    if len(data) - offset < size:
        raise UsageError("%s: truncated (%d of %d payload bytes)"
                         % (path, len(data) - offset, size))
    arr = np.frombuffer(data, dtype=np.uint8, count=size, offset=offset)
    return arr.reshape(dims)


def load_fashion_mnist(files):
    import numpy as np
    xtr = read_idx(files["train_images"], 0x803, TRAIN_N).reshape(TRAIN_N, 784)
    ytr = read_idx(files["train_labels"], 0x801, TRAIN_N)
    xte = read_idx(files["test_images"], 0x803, TEST_N).reshape(TEST_N, 784)
    yte = read_idx(files["test_labels"], 0x801, TEST_N)
    scale = np.float32(1.0 / 255.0)
    xtr, xte = xtr.astype(np.float32), xte.astype(np.float32)
    xtr *= scale  # in place: keeps peak RSS at one float copy of the images
    xte *= scale
    return xtr, ytr.astype(np.int64), xte, yte.astype(np.int64)


# ------------------------------------------------------------------------- torch

def import_torch():
    try:
        import numpy  # noqa: F401
        import torch
    except Exception as e:  # ImportError, or OSError from a broken native lib
        raise UsageError("PyTorch/numpy is not importable by %s (%s: %s).\n"
                         "Fix: %s" % (sys.executable, type(e).__name__, e, FIX_HINT))
    return torch


def configure_threads(threads):
    """Call before importing torch: the OpenMP/MKL runtimes read these at load."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(threads)


def detect_blas():
    """Which BLAS library torch's dense GEMMs go to in this process (Debian's
    torch is built with BLAS_INFO=generic and calls whatever libblas.so.3 the
    alternatives system points at). Returns (path, kind)."""
    paths = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6:
                    name = os.path.basename(parts[5]).lower()
                    if ("blas" in name or "mkl" in name or "blis" in name) \
                            and parts[5] not in paths:
                        paths.append(parts[5])
    except OSError:
        return None, "unknown"
    for p in paths:
        low = os.path.realpath(p).lower()
        if "openblas" in low:
            return os.path.realpath(p), "openblas"
        if "mkl" in low:
            return os.path.realpath(p), "mkl"
        if "blis" in low:
            return os.path.realpath(p), "blis"
    for p in paths:
        if os.path.basename(os.path.realpath(p)).startswith("libblas.so"):
            # Debian's libblas3 = netlib reference BLAS (unblocked, ~3 GFLOP/s).
            return os.path.realpath(p), "reference"
    return (os.path.realpath(paths[0]) if paths else None), "unknown"


def set_torch_threads(torch, threads):
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        # Only possible if inter-op work already ran in this process; never the
        # case here, but don't fail the benchmark over it.
        log("warning: could not set inter-op threads to 1")


def build_model(torch):
    nn = torch.nn
    return nn.Sequential(
        nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(256, 10),
    )


def peak_rss_mib():
    """Peak resident memory of this process in MiB.

    /proc/self/status VmHWM belongs to the process image and starts afresh at exec; ru_maxrss does not, so a
    reference started by a large parent (the JVM of `ablate4j bench`) would report the parent's peak as its own.
    """
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_trial(files, threads, batch, epochs, seed, tag="", barrier=None):
    """Trains one trial; returns a dict of measurements. Importing torch happens
    here (after OMP_NUM_THREADS is set) so spawned children configure themselves."""
    configure_threads(threads)
    torch = import_torch()
    set_torch_threads(torch, threads)

    xtr, ytr, xte, yte = load_fashion_mnist(files)
    xtr, ytr = torch.from_numpy(xtr), torch.from_numpy(ytr)
    xte, yte = torch.from_numpy(xte), torch.from_numpy(yte)

    torch.manual_seed(seed)  # weight init and dropout masks
    shuffle_gen = torch.Generator()
    shuffle_gen.manual_seed(seed)
    model = build_model(torch)
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999),
                           eps=1e-8, weight_decay=0.0)

    if barrier is not None:
        barrier.wait(timeout=900)

    n = xtr.shape[0]
    epoch_seconds, epoch_starts, epoch_ends, losses = [], [], [], []
    for epoch in range(1, epochs + 1):
        model.train()
        t0 = time.perf_counter()
        mono0 = time.monotonic()
        perm = torch.randperm(n, generator=shuffle_gen)
        loss_sum = 0.0
        for start in range(0, n, batch):
            idx = perm[start:start + batch]
            xb, yb = xtr[idx], ytr[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * idx.shape[0]
        dt = time.perf_counter() - t0
        epoch_starts.append(mono0)
        epoch_ends.append(time.monotonic())
        epoch_seconds.append(dt)
        losses.append(loss_sum / n)
        log("%sepoch %d/%d: %.3f s, %.0f samples/s, train loss %.4f%s"
            % (tag, epoch, epochs, dt, n / dt, loss_sum / n,
               " (warm-up)" if epoch == 1 and epochs > 1 else ""))

    model.eval()
    with torch.no_grad():
        pred = model(xte).argmax(dim=1)
        acc = (pred == yte).float().mean().item()

    measured = epoch_seconds[1:] if len(epoch_seconds) > 1 else epoch_seconds
    median_sps = statistics.median(n / s for s in measured)
    rss_mib = peak_rss_mib()
    log("%smedian %.0f samples/s over %d measured epoch(s), test accuracy %.4f, "
        "peak RSS %.0f MiB, torch threads %d"
        % (tag, median_sps, len(measured), acc, rss_mib, torch.get_num_threads()))
    return {
        "samples_per_second_median": median_sps,
        "epoch_seconds": epoch_seconds,
        "epoch_starts": epoch_starts,
        "epoch_ends": epoch_ends,
        "train_loss": losses,
        "test_accuracy": acc,
        "peak_rss_mib": rss_mib,
        "torch_threads": torch.get_num_threads(),
    }


def _child(i, files, threads, batch, epochs, seed, barrier, queue):
    try:
        res = run_trial(files, threads, batch, epochs, seed, "[trial %d] " % i, barrier)
        queue.put((i, res, None, False))
    except BaseException as e:  # report, and don't leave siblings at the barrier
        try:
            barrier.abort()
        except Exception:
            pass
        usage = isinstance(e, UsageError)
        queue.put((i, None, str(e) if usage else "%s: %s" % (type(e).__name__, e), usage))


def run_parallel(files, threads, batch, epochs, seed, trials):
    configure_threads(threads)  # inherited by spawned children
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(trials)
    queue = ctx.Queue()
    # Daemon children + SIGTERM -> SystemExit: if the caller (the Java bench) kills
    # this process, multiprocessing's exit handler terminates the trials too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    procs = [ctx.Process(target=_child, name="trial-%d" % i, daemon=True,
                         args=(i, files, threads, batch, epochs, seed + i, barrier, queue))
             for i in range(trials)]
    for p in procs:
        p.start()
    results, errors, usage_error = {}, [], False
    while len(results) + len(errors) < trials:
        try:
            i, res, err, usage = queue.get(timeout=1.0)
        except Exception:  # queue.Empty
            if not any(p.is_alive() for p in procs) and queue.empty():
                errors.append("a trial process exited without reporting "
                              "(exit codes %s)" % [p.exitcode for p in procs])
                break
            continue
        if err:
            errors.append("trial %d: %s" % (i, err))
            usage_error = usage_error or usage
        else:
            results[i] = res
    for p in procs:
        p.join()
    if errors:
        raise (UsageError if usage_error else RuntimeError)("; ".join(errors))
    return [results[i] for i in range(trials)]


# -------------------------------------------------------------------------- main

def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="PyTorch reference throughput for ./ablate4j bench "
                    "(MLP 784-256-256-10, ReLU, dropout 0.5, Adam 1e-3, Fashion-MNIST).")
    ap.add_argument("--data", metavar="DIR",
                    help="directory with the Fashion-MNIST IDX files (raw or .gz); default: "
                         "first of datasets/fashion-mnist, $ABLATE4J_DATA, "
                         "/usr/share/datasets/fashion-mnist")
    ap.add_argument("--layout", choices=("single", "parallel"), default="single")
    ap.add_argument("--trials", type=int, default=None,
                    help="concurrent trials for --layout parallel (default 2)")
    ap.add_argument("--threads", type=int, default=None,
                    help="intra-op threads per trial (default: $OMP_NUM_THREADS if set, else 1)")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=3, help="epoch 1 is warm-up (default 3)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    a = ap.parse_args(argv)

    if a.threads is None:
        env = os.environ.get("OMP_NUM_THREADS", "").strip()
        try:
            a.threads = max(1, int(env)) if env else 1
        except ValueError:
            a.threads = 1
    elif os.environ.get("OMP_NUM_THREADS") not in (None, str(a.threads)):
        log("note: --threads %d overrides OMP_NUM_THREADS=%s"
            % (a.threads, os.environ["OMP_NUM_THREADS"]))
    if a.trials is None:
        a.trials = 2 if a.layout == "parallel" else 1
    if a.layout == "single" and a.trials != 1:
        ap.error("--trials applies to --layout parallel")
    for name in ("trials", "threads", "batch", "epochs"):
        if getattr(a, name) < 1:
            ap.error("--%s must be >= 1" % name)
    if a.epochs == 1:
        log("warning: --epochs 1 has no post-warm-up epoch; reporting the warm-up epoch")
    return a


def main(argv):
    a = parse_args(argv)
    try:
        data_dir, files = locate_data(a.data)
        configure_threads(a.threads)
        torch = import_torch()
    except UsageError as e:
        log("error: %s" % e)
        return 2
    log("pytorch %s, layout %s, trials %d, threads/trial %d, batch %d, epochs %d, data %s"
        % (torch.__version__, a.layout, a.trials, a.threads, a.batch, a.epochs, data_dir))

    try:
        if a.layout == "single":
            results = [run_trial(files, a.threads, a.batch, a.epochs, a.seed)]
            peak_rss = results[0]["peak_rss_mib"]
        else:
            results = run_parallel(files, a.threads, a.batch, a.epochs, a.seed, a.trials)
            peak_rss = max(peak_rss_mib(), max(r["peak_rss_mib"] for r in results))
    except UsageError as e:
        log("error: %s" % e)
        return 2
    except Exception as e:
        log("error: trial failed: %s: %s" % (type(e).__name__, e))
        return 1

    blas_path, blas_kind = detect_blas()
    if blas_kind == "reference":
        log("WARNING: torch is using the netlib reference BLAS (%s): GEMMs run ~5-10x "
            "slower than with an optimized BLAS, so these numbers are far below the "
            "~19,700 samples/s reference. Fix: apt-get install libopenblas0-pthread "
            "(becomes libblas.so.3 via update-alternatives)." % blas_path)
    per_trial = [r["samples_per_second_median"] for r in results]
    # Wall-clock aggregate over the measured window: from the earliest start of a
    # post-warm-up epoch to the latest end of a last epoch, across all trials.
    first = 1 if a.epochs > 1 else 0
    window = (max(r["epoch_ends"][-1] for r in results)
              - min(r["epoch_starts"][first] for r in results))
    wall_sps = a.trials * (a.epochs - first) * TRAIN_N / window
    epoch_seconds = [statistics.mean(col) for col in zip(*(r["epoch_seconds"] for r in results))]
    accs = [r["test_accuracy"] for r in results]
    out = {
        "system": "pytorch",
        "version": torch.__version__,
        "layout": a.layout,
        "threads": a.threads,
        "batch": a.batch,
        "trials": a.trials,
        "epochs": a.epochs,
        "samples_per_second_median": statistics.median(per_trial),
        "per_trial_samples_per_second": per_trial,
        "aggregate_samples_per_second": sum(per_trial),
        "aggregate_wall_samples_per_second": wall_sps,
        "test_accuracy": statistics.mean(accs),
        "per_trial_test_accuracy": accs,
        "peak_rss_mib": peak_rss,
        "per_trial_peak_rss_mib": [r["peak_rss_mib"] for r in results],
        "epoch_seconds": epoch_seconds,
        "per_trial_epoch_seconds": [r["epoch_seconds"] for r in results],
        "blas": blas_kind,
        "blas_library": blas_path,
        "seed": a.seed,
        "data_dir": os.path.abspath(data_dir),
    }
    log("result: %s x%d: median %.0f samples/s per trial, aggregate %.0f samples/s "
        "(sum of medians), %.0f samples/s (total/wall), test accuracy %s, peak RSS %.0f MiB"
        % (a.layout, a.trials, out["samples_per_second_median"],
           out["aggregate_samples_per_second"], wall_sps,
           ", ".join("%.4f" % x for x in accs), peak_rss))
    if a.json:
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
