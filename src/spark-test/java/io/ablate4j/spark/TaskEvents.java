package io.ablate4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * A Spark listener for the cluster tests ({@code spark.extraListeners}): appends the driver's executor and task events
 * to the file named by {@value #FILE}, one line each, so that a test can tell which executor runs what (to kill a
 * worker while its executor trains a trial) and see the retries afterwards, whether the driver runs in the test's JVM
 * or under {@code spark-submit}.
 */
public final class TaskEvents extends SparkListener {
    /** The Spark property naming the events file. */
    static final String FILE = "spark.ablate4j.test.events";

    /**
     * One event: {@code kind} is app (executor holds the application id), added, removed, start or end; index and
     * attempt are -1 but for task events.
     */
    record Event(String kind, String executor, int index, int attempt, long millis, String reason,
                 long deserializeMillis) {
    }

    private final Path file;

    public TaskEvents(SparkConf conf) {
        this.file = Path.of(conf.get(FILE));
    }

    private void append(String kind, String executor, int index, int attempt, String reason) {
        append(kind, executor, index, attempt, reason, -1);
    }

    private synchronized void append(String kind, String executor, int index, int attempt, String reason,
                                     long deserializeMillis) {
        String line = String.join("\t", kind, executor, Integer.toString(index), Integer.toString(attempt),
                Long.toString(System.currentTimeMillis()), reason.replaceAll("\\s+", " "),
                Long.toString(deserializeMillis)) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onApplicationStart(SparkListenerApplicationStart e) {
        append("app", e.appId().get(), -1, -1, "");
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded e) {
        append("added", e.executorId(), -1, -1, "");
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        append("removed", e.executorId(), -1, -1, e.reason());
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        append("start", e.taskInfo().executorId(), e.taskInfo().index(), e.taskInfo().attemptNumber(), "");
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        // The executor's deserialization time includes fetching the job's files (Executor.updateDependencies)
        append("end", e.taskInfo().executorId(), e.taskInfo().index(), e.taskInfo().attemptNumber(),
                e.reason().getClass().getSimpleName() + " " + e.reason(),
                e.taskMetrics() == null ? -1 : e.taskMetrics().executorDeserializeTime());
    }

    /** The application's id, once its start is written. */
    static String appId(List<Event> events) {
        return events.stream().filter(e -> e.kind().equals("app")).map(Event::executor).findFirst().orElse(null);
    }

    /** The events written so far (none before the file exists). */
    static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f.length == 7 && !f[6].isEmpty()) {
                events.add(new Event(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]),
                        f[5], Long.parseLong(f[6])));
            }
        }
        return events;
    }
}
