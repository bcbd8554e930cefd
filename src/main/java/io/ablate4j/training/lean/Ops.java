package io.ablate4j.training.lean;

import java.lang.ref.Reference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.TransformOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.transforms.any.Assign;
import org.nd4j.linalg.api.ops.random.BaseRandomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J ops as the lean step runs them: constructed here, executed, and held until they returned. ND4J's legacy ops
 * (broadcast, reduce along dimensions, scalar) own small arrays of their own outside every workspace (the
 * dimensions, the scalar) and pass them to native code by their native handles only; once the executioner has read
 * those handles the op object is garbage, and a collection during the native call lets ND4J's deallocator thread
 * free a buffer the op is still reading. That is the SIGSEGV in {@code sd::DataBuffer::primary()} under
 * {@code addiRowVector} of BENCHMARKS.md (2026-12-03), reproduced here by a loop of {@code addiRowVector} with
 * {@code System.gc()} on another thread. INDArray's convenience methods that build such an op inside ND4J
 * ({@code addiRowVector}, {@code assign}, {@code sum(result, dims)}, {@code sumNumber}, {@code muli(Number)},
 * {@code divi(Number)}, {@code Transforms.pow}) are therefore written
 * out as the op they run (the same class and arguments, so the same arithmetic), and every op goes through here.
 */
final class Ops {
    private Ops() {
    }

    /** Runs a broadcast op; returns its result. */
    static INDArray exec(BroadcastOp op) {
        try {
            return Nd4j.getExecutioner().exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    /** Runs a reduction; returns its result. */
    static INDArray exec(ReduceOp op) {
        try {
            return Nd4j.getExecutioner().exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    /** Runs a scalar op; returns its result. */
    static INDArray exec(ScalarOp op) {
        try {
            return Nd4j.getExecutioner().exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    /** Runs a transform op (element-wise, in place or into its z), by the executioner's generic entry as ND4J does. */
    static void exec(TransformOp op) {
        try {
            Nd4j.getExecutioner().exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    /** Runs a random op on the calling thread's generator. */
    static void exec(BaseRandomOp op) {
        try {
            Nd4j.getExecutioner().exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    /** Runs a custom (libnd4j declarable) op. */
    static void exec(CustomOp op) {
        try {
            Nd4j.getExecutioner().exec(op);
        } finally {
            Reference.reachabilityFence(op);
        }
    }

    /** {@code to.assign(from)} for arrays of one shape: the op ND4J's {@code assign} runs (a legacy transform). */
    static void assign(INDArray to, INDArray from) {
        exec(new Assign(from, to));
    }

    /**
     * {@code matrix.addiRowVector(row)} for a [rows, columns] matrix and a [1, columns] row: the op ND4J's
     * {@code addiRowVector} runs ({@code BroadcastAddOp} along dimension 1, in place).
     */
    static void addRowVector(INDArray matrix, INDArray row) {
        exec(new BroadcastAddOp(matrix, row, matrix, 1));
    }
}
