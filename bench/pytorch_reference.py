#!/usr/bin/env python3
"""PyTorch reference throughput for ``./ablate4j bench``.

What it measures
----------------
Training throughput (samples/s) of one reference workload on Fashion-MNIST
(mlp, cnn) or CIFAR-10 (cifar10-cnn), so that ``./ablate4j bench`` can put DL4J's trial throughput next to
PyTorch's, measured on the same machine in the same run. For every epoch it
times only the training loop (shuffling, batch gathering, forward, backward,
Adam step); reading and decoding the IDX files and the test evaluation are not
timed. samples/s = training images / epoch seconds. Epoch 1 is warm-up
(allocator, thread pools, kernel selection), so the number reported is the
MEDIAN over epochs 2..N. It also reports test accuracy on the whole test file
(10,000 images) after the last epoch (model.eval(), no grad, in chunks of 2048
images as DL4J's evaluation does) as a sanity check that real training happened
(MLP ~0.85+ after 3 epochs on all 60,000 images), and the peak resident set
size.

Workloads (--model, --batch-norm, --dropout, --train-size):
  mlp         784-256-256-10: Linear -> ReLU -> Dropout per hidden layer
              (the default, and the reference workload of DESIGN.md).
  mlp --batch-norm
              Linear(bias=False) -> BatchNorm1d -> ReLU -> Dropout per hidden layer.
  cnn         conv32-pool-conv64-pool-dense128 on 1x28x28 images:
              Conv2d(3x3, stride 1, padding 1 = "Same") -> ReLU -> MaxPool2d(2, 2)
              -> Dropout, twice (32 then 64 filters), Flatten (NCHW, so c-h-w
              order: 64*7*7 = 3136), Linear(3136, 128) -> ReLU -> Dropout,
              Linear(128, 10).
  cnn --batch-norm
              the same with Conv2d(bias=False) -> BatchNorm2d -> ReLU -> pool
              -> Dropout and Linear(bias=False) -> BatchNorm1d -> ReLU -> Dropout.
  cifar10-cnn
              Keras' cifar10_cnn example (configs/keras/cifar10-cnn.json, which
              the DL4J side imports as written) on 3x32x32 images:
              Conv2d(3, 32, 3, padding 1 = "same") -> ReLU -> Conv2d(32, 32, 3,
              padding 0 = "valid") -> ReLU -> MaxPool2d(2, 2) -> Dropout(0.25),
              Conv2d(32, 64, 3, padding 1) -> ReLU -> Conv2d(64, 64, 3, padding 0)
              -> ReLU -> MaxPool2d(2, 2) -> Dropout(0.25), Flatten (64*6*6 = 2304),
              Linear(2304, 512) -> ReLU -> Dropout(0.5), Linear(512, 10).
              1,250,858 parameters, as Keras' model.summary() reports. Keras
              flattens h-w-c, this script c-h-w: a permutation of the dense
              layer's inputs, which changes neither the work nor the
              initialization's distribution.
  cifar10-cnn --batch-norm
              the same with every Conv2d and the Linear(2304, 512) bias-free and
              followed by BatchNorm2d/1d before its ReLU (ablate4j's batchNorm:
              before-activation on an imported network).
  --dropout P is the DROP probability after every hidden block (default 0.5 for
  mlp, 0.25 for cnn); 0 leaves the Dropout modules out, as DL4J then has no
  dropout layers. For cifar10-cnn it is the rate of each of its three Dropout
  modules (default: the file's 0.25, 0.25, 0.5). BatchNorm uses eps 1e-5 and momentum 0.1 (DL4J: eps 1e-5,
  decay 0.9, the same running-average weight).
  --train-size N (default 60000) trains on N of the 60,000 training images: per
  class, the first ones in file order, as many as DL4J's stratified draw takes of
  that class (largest-remainder shares of N, ties to the lower class), kept in
  file order (every epoch is shuffled anyway). DL4J's draw is seeded and random,
  so the class counts match but the images differ; throughput does not depend
  on which images they are. N = 60000 takes the whole file. cifar10-cnn draws
  the same way from data_batch_1.bin .. data_batch_5.bin in order (50,000
  images; generated CIFAR-format files may hold fewer) and tests on the whole of
  test_batch.bin.

Layouts:
  single    one trial in this process, with --threads intra-op threads.
  parallel  --trials N concurrent trials, each in its own process (multiprocessing,
            'spawn' start method) with --threads (default 1) thread each, started
            together behind a barrier. Reports each trial's median samples/s, their
            sum (aggregate_samples_per_second), and total samples / wall time over
            the measured (post-warm-up) window (aggregate_wall_samples_per_second).

Why the settings match the DL4J side
------------------------------------
``./ablate4j bench`` trains an ablate4j config (Benchmark.yaml) whose network
NetworkFactory builds as, per hidden block, W(relu) [-> MaxPool] -> Dropout
without batch norm, and W(identity, no bias) -> BN -> ReLU [-> MaxPool] ->
Dropout with it (dropout after BN and after pooling), then a softmax output
with multi-class cross-entropy (mean over the minibatch); convolutions are 3x3,
stride 1, ConvolutionMode.Same, pooling 2x2 max with stride 2, and the dense
head sees the conv output flattened in NCHW (c-h-w) order. Adam lr 1e-3 /
beta1 0.9 / beta2 0.999 / eps 1e-8, no weight decay, minibatch 128 shuffled
every epoch, pixels scaled to [0,1]. This script builds exactly those layer
sequences: nn.Linear / nn.Conv2d + nn.BatchNorm1d/2d + nn.ReLU + nn.MaxPool2d +
nn.Dropout (element-wise, not Dropout2d: DL4J's dropoutType is bernoulli;
PyTorch's argument is the DROP probability, i.e. 1 - DL4J's retain
probability), nn.CrossEntropyLoss (log-softmax + NLL, mean reduction),
torch.optim.Adam with the same hyper-parameters. The last partial batch is
kept, as the DL4J iterator does. Initialization is the same on both sides:
PyTorch's default for nn.Linear and nn.Conv2d (reset_parameters:
kaiming_uniform_(a=sqrt(5)), which is U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and
biases U(-1/sqrt(fan_in), 1/sqrt(fan_in))), which the DL4J side gets as
model.weightInit: pytorch. fan_in is in_features for nn.Linear and
in_channels * kh * kw for nn.Conv2d on both sides (ablate4j's fans are Keras'
and PyTorch's; DL4J's own would divide a strided convolution's fan-out, which
this init does not use). init_weights() draws them again explicitly from that
formula, checks the fan-in against torch's own, and the JSON reports "init":
"pytorch"; BatchNorm's weight 1 and bias 0 as DL4J's gamma and beta. Threads default to
one per trial because on the reference 2-vCPU VM a second intra-op thread adds
nothing and trials run in parallel instead; --threads sets
torch.set_num_threads(N) and torch.set_num_interop_threads(1) before any tensor
work, and OMP_NUM_THREADS / MKL_NUM_THREADS are set to N before torch is
imported (if --threads is not given, a caller's OMP_NUM_THREADS is used).

BLAS: Debian's torch is built with BLAS_INFO=generic, so nn.Linear's GEMMs go to
whatever libblas.so.3 the alternatives system selects. With only libblas3 (netlib
reference BLAS, ~3 GFLOP/s) throughput is several times lower than with OpenBLAS
(libopenblas0-pthread), which the ~19,700 samples/s MLP reference assumes. The
library actually mapped is reported ("blas", "blas_library") and a warning is
printed when it is the reference BLAS.

Output: human-readable lines on stderr; with --json exactly one JSON object on
stdout, which names the workload ("model", "batch_norm", "dropout",
"train_size", "workload"). Exit codes: 0 ok, 2 missing torch/numpy or data
files, or bad usage, 1 a trial failed.

Requires Python 3 with torch and numpy (Debian: apt-get install python3-torch
dataset-fashion-mnist). Standard library + torch + numpy only. CIFAR-10: the
official binary version, found in --data DIR, else datasets/cifar10,
$ABLATE4J_DATA/cifar10, $ABLATE4J_DATA, /usr/share/datasets/cifar10 (each also
in its cifar-10-batches-bin/); ./ablate4j bench passes the directory it uses,
real or generated.
"""

import argparse
import gzip
import json
import math
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
NUM_CLASSES = 10
EVAL_CHUNK = 2048  # io.ablate4j.training.Evaluation's chunk
DEFAULT_DROPOUT = {"mlp": 0.5, "cnn": 0.25, "cifar10-cnn": None}  # None: the Keras file's rates
CIFAR_RATES = (0.25, 0.25, 0.5)  # cifar10_cnn's Dropout layers, in order
CIFAR_TRAIN_N = 50000
CIFAR_RECORD = 1 + 3 * 32 * 32  # label byte, then the red, green and blue planes
CIFAR_TRAIN = ["data_batch_%d.bin" % i for i in range(1, 6)]
CIFAR_TEST = "test_batch.bin"
INIT = "pytorch"
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


def class_shares(total, counts):
    """Splits total over the classes in proportion to counts: floor shares, then one
    more to the largest remainders, ties to the lower class (DL4J's Splits.allocate)."""
    whole = sum(counts)
    shares = [total * c // whole for c in counts]
    order = sorted(range(len(counts)), key=lambda k: (-(total * counts[k] % whole), k))
    for k in order[:total - sum(shares)]:
        shares[k] += 1
    return shares


def select_train(labels, train_size):
    """Indices of the training images to use, in file order: per class the first
    ones, as many as DL4J's stratified draw of train_size takes of that class.
    None for the whole file."""
    import numpy as np
    if train_size >= len(labels):
        return None
    counts = np.bincount(labels, minlength=NUM_CLASSES)
    shares = class_shares(train_size, [int(c) for c in counts])
    keep = np.zeros(len(labels), dtype=bool)
    for k, share in enumerate(shares):
        keep[np.flatnonzero(labels == k)[:share]] = True
    return np.flatnonzero(keep)


def cifar_candidate_dirs(explicit):
    if explicit:
        return [explicit]
    here = os.path.dirname(os.path.abspath(__file__))
    dirs = [os.path.join("datasets", "cifar10"), os.path.join(os.path.dirname(here), "datasets", "cifar10")]
    env = os.environ.get("ABLATE4J_DATA")
    if env:
        dirs += [os.path.join(env, "cifar10"), env]
    dirs.append("/usr/share/datasets/cifar10")
    return dirs


def locate_cifar(explicit):
    """The directory holding the five training batches and the test batch (or its cifar-10-batches-bin/)."""
    tried = []
    for d in cifar_candidate_dirs(explicit):
        for sub in (d, os.path.join(d, "cifar-10-batches-bin")):
            tried.append(sub)
            if all(os.path.isfile(os.path.join(sub, f)) for f in CIFAR_TRAIN + [CIFAR_TEST]):
                return sub, {"train": [os.path.join(sub, f) for f in CIFAR_TRAIN],
                             "test": os.path.join(sub, CIFAR_TEST)}
    raise UsageError("CIFAR-10 binary files (%s, %s) not found in: %s.\n"
                     "Fix: ./ablate4j data fetch cifar10, or pass --data DIR."
                     % (", ".join(CIFAR_TRAIN), CIFAR_TEST, ", ".join(tried)))


def read_cifar(paths):
    """Labels and channel-first uint8 images of CIFAR-10 binary files, concatenated in order."""
    import numpy as np
    chunks = []
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        if len(data) == 0 or len(data) % CIFAR_RECORD:
            raise UsageError("%s: %d bytes, not a whole number of %d-byte CIFAR-10 records"
                             % (path, len(data), CIFAR_RECORD))
        chunks.append(np.frombuffer(data, dtype=np.uint8).reshape(-1, CIFAR_RECORD))
    records = np.concatenate(chunks)
    return records[:, 1:].reshape(-1, 3, 32, 32), records[:, 0].astype(np.int64)


def load_cifar(files, train_size):
    """Training images (the train_size of select_train) and the whole test file, scaled to [0,1], 3x32x32."""
    import numpy as np
    xtr, ytr = read_cifar(files["train"])
    idx = select_train(ytr, train_size)
    if idx is not None:
        xtr, ytr = xtr[idx], ytr[idx]
    xte, yte = read_cifar([files["test"]])
    scale = np.float32(1.0 / 255.0)
    xtr, xte = xtr.astype(np.float32), xte.astype(np.float32)
    xtr *= scale
    xte *= scale
    return xtr, ytr, xte, yte


def load_fashion_mnist(files, train_size, image_shape):
    """Training images (the train_size of select_train) and the whole test file,
    scaled to [0,1], each image shaped image_shape: (784,) or (1, 28, 28)."""
    import numpy as np
    ytr = read_idx(files["train_labels"], 0x801, TRAIN_N)
    xtr = read_idx(files["train_images"], 0x803, TRAIN_N).reshape(TRAIN_N, 784)
    idx = select_train(ytr, train_size)
    if idx is not None:  # the whole file needs no gathered copy
        xtr, ytr = xtr[idx], ytr[idx]
    xte = read_idx(files["test_images"], 0x803, TEST_N).reshape(TEST_N, 784)
    yte = read_idx(files["test_labels"], 0x801, TEST_N)
    scale = np.float32(1.0 / 255.0)
    xtr, xte = xtr.astype(np.float32), xte.astype(np.float32)
    xtr *= scale  # in place: keeps peak RSS at one float copy of the images
    xte *= scale
    # Reshaping a contiguous array is a view: the CNN's 1x28x28 images cost no copy.
    xtr = xtr.reshape((len(xtr),) + image_shape)
    xte = xte.reshape((TEST_N,) + image_shape)
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


def dropout_name(w):
    """The dropout as ./ablate4j bench names it: 0.5, or 0.25/0.25/0.5 for cifar10-cnn as written."""
    if w["dropout"] is None:
        return "/".join("%g" % r for r in CIFAR_RATES)
    return "%g" % w["dropout"]


def describe(w):
    """One line naming the workload, e.g. for the log and the JSON."""
    net = {"cnn": "CNN conv32-pool-conv64-pool-dense128 (3x3 Same, max-pool 2)",
           "mlp": "MLP 784-256-256-10",
           "cifar10-cnn": "Keras cifar10_cnn conv32-conv32-pool-conv64-conv64-pool-dense512 on 32x32x3"}[w["model"]]
    return "%s, ReLU, %s, dropout %s, %d training images" % (
        net, "BN before each activation" if w["batch_norm"] else "no BN", dropout_name(w), w["train_size"])


def image_shape(w):
    return {"cnn": (1, 28, 28), "mlp": (784,), "cifar10-cnn": (3, 32, 32)}[w["model"]]


def init_weights(torch, model):
    """PyTorch's default initialization, drawn explicitly: what ablate4j's model.weightInit: pytorch draws
    (config.Init.weights(PYTORCH), network.DrawnInit and RandomBias). Weights: kaiming_uniform_(a=sqrt(5)),
    i.e. gain sqrt(2 / (1 + 5)) times sqrt(3 / fan_in) = a bound of 1 / sqrt(fan_in); biases U(+-1 / sqrt(fan_in)).
    fan_in = in_features (nn.Linear) or in_channels * kh * kw (nn.Conv2d), checked against torch's own."""
    nn = torch.nn
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            w = m.weight
            fan_in = m.in_features if isinstance(m, nn.Linear) else m.in_channels * w.shape[2] * w.shape[3]
            assert fan_in == nn.init._calculate_fan_in_and_fan_out(w)[0], (m, fan_in)
            bound = 1.0 / math.sqrt(fan_in)
            with torch.no_grad():
                w.uniform_(-bound, bound)
                if m.bias is not None:
                    m.bias.uniform_(-bound, bound)
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)


def build_model(torch, w):
    """The layer sequence NetworkFactory builds for the same workload (module docstring)."""
    nn = torch.nn
    bn, drop = w["batch_norm"], w["dropout"]

    def block(weights, norm, pool=None):
        # weights [-> BN] -> ReLU [-> pool] [-> Dropout]: DL4J's dropoutPosition after-bn, after pooling.
        layers = [weights] + ([norm] if bn else []) + [nn.ReLU()] + ([pool] if pool else [])
        return layers + ([nn.Dropout(drop)] if drop > 0 else [])

    if w["model"] == "cifar10-cnn":
        rates = CIFAR_RATES if drop is None else (drop,) * len(CIFAR_RATES)

        def conv(cin, cout, padding):
            # weights [-> BN] -> ReLU: ablate4j's BN on an imported network goes between a weight layer and its ReLU
            return [nn.Conv2d(cin, cout, 3, stride=1, padding=padding, bias=not bn)] \
                + ([nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1)] if bn else []) + [nn.ReLU()]

        def pool_drop(rate):
            return [nn.MaxPool2d(2, stride=2)] + ([nn.Dropout(rate)] if rate > 0 else [])

        layers = conv(3, 32, 1) + conv(32, 32, 0) + pool_drop(rates[0]) \
            + conv(32, 64, 1) + conv(64, 64, 0) + pool_drop(rates[1]) + [nn.Flatten()] \
            + [nn.Linear(64 * 6 * 6, 512, bias=not bn)] \
            + ([nn.BatchNorm1d(512, eps=1e-5, momentum=0.1)] if bn else []) + [nn.ReLU()] \
            + ([nn.Dropout(rates[2])] if rates[2] > 0 else []) + [nn.Linear(512, NUM_CLASSES)]
        return nn.Sequential(*layers)
    if w["model"] == "cnn":
        layers = []
        channels = 1
        for filters in (32, 64):
            layers += block(nn.Conv2d(channels, filters, 3, stride=1, padding=1, bias=not bn),
                            nn.BatchNorm2d(filters, eps=1e-5, momentum=0.1),
                            nn.MaxPool2d(2, stride=2))
            channels = filters
        layers.append(nn.Flatten())  # NCHW -> c-h-w, as DL4J's CnnToFeedForwardPreProcessor (NCHW)
        layers += block(nn.Linear(64 * 7 * 7, 128, bias=not bn), nn.BatchNorm1d(128, eps=1e-5, momentum=0.1))
        layers.append(nn.Linear(128, NUM_CLASSES))
        return nn.Sequential(*layers)
    layers = []
    width = 784
    for hidden in (256, 256):
        layers += block(nn.Linear(width, hidden, bias=not bn), nn.BatchNorm1d(hidden, eps=1e-5, momentum=0.1))
        width = hidden
    layers.append(nn.Linear(width, NUM_CLASSES))
    return nn.Sequential(*layers)


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


def run_trial(files, workload, threads, batch, epochs, seed, tag="", barrier=None):
    """Trains one trial; returns a dict of measurements. Importing torch happens
    here (after OMP_NUM_THREADS is set) so spawned children configure themselves."""
    configure_threads(threads)
    torch = import_torch()
    set_torch_threads(torch, threads)

    if workload["model"] == "cifar10-cnn":
        xtr, ytr, xte, yte = load_cifar(files, workload["train_size"])
    else:
        xtr, ytr, xte, yte = load_fashion_mnist(files, workload["train_size"], image_shape(workload))
    xtr, ytr = torch.from_numpy(xtr), torch.from_numpy(ytr)
    xte, yte = torch.from_numpy(xte), torch.from_numpy(yte)

    torch.manual_seed(seed)  # weight init and dropout masks
    shuffle_gen = torch.Generator()
    shuffle_gen.manual_seed(seed)
    model = build_model(torch, workload)
    init_weights(torch, model)
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
        # In chunks, as DL4J's Evaluation does: the CNN's first activations of all
        # 10,000 test images at once would take 2 GB and set the peak RSS.
        pred = torch.cat([model(xte[i:i + EVAL_CHUNK]).argmax(dim=1)
                          for i in range(0, xte.shape[0], EVAL_CHUNK)])
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


def _child(i, files, workload, threads, batch, epochs, seed, barrier, queue):
    try:
        res = run_trial(files, workload, threads, batch, epochs, seed, "[trial %d] " % i, barrier)
        queue.put((i, res, None, False))
    except BaseException as e:  # report, and don't leave siblings at the barrier
        try:
            barrier.abort()
        except Exception:
            pass
        usage = isinstance(e, UsageError)
        queue.put((i, None, str(e) if usage else "%s: %s" % (type(e).__name__, e), usage))


def run_parallel(files, workload, threads, batch, epochs, seed, trials):
    configure_threads(threads)  # inherited by spawned children
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(trials)
    queue = ctx.Queue()
    # Daemon children + SIGTERM -> SystemExit: if the caller (the Java bench) kills
    # this process, multiprocessing's exit handler terminates the trials too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    procs = [ctx.Process(target=_child, name="trial-%d" % i, daemon=True,
                         args=(i, files, workload, threads, batch, epochs, seed + i, barrier, queue))
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
        description="PyTorch reference throughput for ./ablate4j bench: the MLP "
                    "784-256-256-10 or the CNN conv32-pool-conv64-pool-dense128, ReLU, "
                    "optional batch norm before each activation, dropout, Adam 1e-3, "
                    "Fashion-MNIST (see the module docstring).")
    ap.add_argument("--data", metavar="DIR",
                    help="directory with the Fashion-MNIST IDX files (raw or .gz); default: "
                         "first of datasets/fashion-mnist, $ABLATE4J_DATA, "
                         "/usr/share/datasets/fashion-mnist")
    ap.add_argument("--model", choices=("mlp", "cnn", "cifar10-cnn"), default="mlp",
                    help="mlp: 784-256-256-10; cnn: conv32-pool-conv64-pool-dense128; cifar10-cnn: "
                         "Keras' cifar10_cnn on CIFAR-10 (default mlp)")
    ap.add_argument("--batch-norm", action="store_true",
                    help="batch norm before each hidden activation (weights without bias)")
    ap.add_argument("--dropout", type=float, default=None, metavar="P",
                    help="drop probability after every hidden block, in [0, 1) "
                         "(default 0.5 for mlp, 0.25 for cnn, the file's 0.25/0.25/0.5 for cifar10-cnn)")
    ap.add_argument("--train-size", type=int, default=TRAIN_N, metavar="N",
                    help="training images: per class the first ones, as many as DL4J's "
                         "stratified draw takes (default %d, the whole file)" % TRAIN_N)
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
    if a.dropout is None:
        a.dropout = DEFAULT_DROPOUT[a.model]
    if a.dropout is not None and not 0 <= a.dropout < 1:
        ap.error("--dropout %g: a drop probability must be in [0, 1) (0 = no dropout)" % a.dropout)
    full = CIFAR_TRAIN_N if a.model == "cifar10-cnn" else TRAIN_N
    if not 1 <= a.train_size <= full:
        ap.error("--train-size %d: must be in [1, %d], the size of the training files"
                 % (a.train_size, full))
    if a.epochs == 1:
        log("warning: --epochs 1 has no post-warm-up epoch; reporting the warm-up epoch")
    return a


def main(argv):
    a = parse_args(argv)
    try:
        data_dir, files = locate_cifar(a.data) if a.model == "cifar10-cnn" else locate_data(a.data)
        configure_threads(a.threads)
        torch = import_torch()
    except UsageError as e:
        log("error: %s" % e)
        return 2
    workload = {"model": a.model, "batch_norm": a.batch_norm, "dropout": a.dropout,
                "train_size": a.train_size}
    log("pytorch %s, %s, layout %s, trials %d, threads/trial %d, batch %d, epochs %d, data %s"
        % (torch.__version__, describe(workload), a.layout, a.trials, a.threads, a.batch,
           a.epochs, data_dir))

    try:
        if a.layout == "single":
            results = [run_trial(files, workload, a.threads, a.batch, a.epochs, a.seed)]
            peak_rss = results[0]["peak_rss_mib"]
        else:
            results = run_parallel(files, workload, a.threads, a.batch, a.epochs, a.seed, a.trials)
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
    wall_sps = a.trials * (a.epochs - first) * a.train_size / window
    epoch_seconds = [statistics.mean(col) for col in zip(*(r["epoch_seconds"] for r in results))]
    accs = [r["test_accuracy"] for r in results]
    out = {
        "system": "pytorch",
        "version": torch.__version__,
        "model": a.model,
        "batch_norm": a.batch_norm,
        "dropout": dropout_name(workload) if a.dropout is None else a.dropout,
        "train_size": a.train_size,
        "init": INIT,
        "workload": describe(workload),
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
