package io.ablate4j.training.lean;

/**
 * A stage's reusable Java buffer, grown on demand: what {@link Activations#floats} copies into when the
 * activations exist only as an ND4J array, allocated only then (most stages receive Java data and never need it).
 */
final class Scratch {
    private float[] buffer = new float[0];
    private float[] spare = new float[0];

    /** At least {@code n} values, the same array as last time when that is large enough. */
    float[] get(int n) {
        if (buffer.length < n) {
            buffer = new float[n];
        }
        return buffer;
    }

    /** A second buffer of at least {@code n} values, never the one {@link #get} returns: for a copy on the way. */
    float[] spare(int n) {
        if (spare.length < n) {
            spare = new float[n];
        }
        return spare;
    }
}
