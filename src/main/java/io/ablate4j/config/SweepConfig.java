package io.ablate4j.config;

import io.ablate4j.config.Enums.SweepMode;
import io.ablate4j.config.Schema.Sweep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep: axes are dotted key paths of the schema, each with the values it takes.
 *
 * @param mode    grid (cartesian product), random ({@code samples} distinct grid points, seeded) or
 *                one-at-a-time (the baseline plus each axis varied alone)
 * @param samples number of points for random mode
 * @param seed    seed of the random draw
 * @param axes    key path → values, in file order
 * @param race    {@code sweep.race}: the variants race over epochs; null for none
 */
public record SweepConfig(SweepMode mode, int samples, long seed, Map<String, List<Object>> axes, RaceConfig race) {
    public static final SweepConfig NONE = new SweepConfig(SweepMode.GRID, 0, 0, Map.of());

    /** A sweep without a race. */
    public SweepConfig(SweepMode mode, int samples, long seed, Map<String, List<Object>> axes) {
        this(mode, samples, seed, axes, null);
    }

    /** @throws ConfigException naming the key, the value and what is allowed */
    public SweepConfig {
        Sweep.MODE.check(mode);
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        axes.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        axes = Collections.unmodifiableMap(copy);
        for (Map.Entry<String, List<Object>> axis : axes.entrySet()) {
            if (axis.getValue().isEmpty()) {
                throw new ConfigException(Sweep.AXES.path() + "." + axis.getKey(), axis.getValue(), "must be a "
                        + "non-empty list of values");
            }
        }
        if (mode == SweepMode.RANDOM) {
            int gridSize = axes.values().stream().mapToInt(List::size).reduce(1, Math::multiplyExact);
            if (samples == 0) {
                throw new ConfigException(Sweep.SAMPLES.path(), null, "random mode needs samples: the number of grid "
                        + "points to draw (the grid has " + gridSize + ")");
            }
            Sweep.SAMPLES.check(samples, 1, gridSize);
        } else if (samples != 0) {
            throw new ConfigException(Sweep.SAMPLES.path(), samples, "only used with mode: random");
        }
    }

    /** The record's text, without the race when there is none (as before races existed: ConfigPinsTest). */
    @Override
    public String toString() {
        return "SweepConfig[mode=" + mode + ", samples=" + samples + ", seed=" + seed + ", axes=" + axes
                + (race != null ? ", race=" + race : "") + "]";
    }

    public List<String> axisNames() {
        return List.copyOf(axes.keySet());
    }
}
