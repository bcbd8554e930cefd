package io.ablate4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ablate4j.cli.Main;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.ResultsFile;
import io.ablate4j.run.NativeBuild;
import io.ablate4j.run.RunDirs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine on a real standalone cluster: a master and two one-core workers on 127.0.0.1 ({@link LocalCluster})
 * on a Spark installation's jars ({@code target/spark-home.classpath}, resolved by
 * {@code src/spark-test/spark-home/pom.xml}). Each test runs a small grid on data at a path that the executors cannot
 * see, kills the worker whose executor is training a trial once another trial is recorded, and requires every trial
 * exactly once with the local engine's metrics, the lost task retried on the other worker, and the data read from the
 * copies shipped with the job:
 * <ul>
 *   <li>the engine with this JVM as the driver ({@code Main.execute ... --master spark://...}); its executors get this
 *       JVM's classpath ({@code spark.executor.extraClassPath}), CSV data at a path relative to this JVM's working
 *       directory;</li>
 *   <li>{@code spark-submit} of the job jar in client mode ({@code SparkSubmit} on the installation's jars, as
 *       {@code bin/spark-submit} runs it): executors get ablate4j and DL4J from the job jar only; IDX data that
 *       {@code source: auto} finds through the driver's {@code $ABLATE4J_DATA}.</li>
 *   <li>networks of one's own (no worker killed): a java template's jar reaches the executors only with the job
 *       ({@code --classpath} → {@code SparkContext.addJar}), a Keras file (at a relative path) only in the tasks.</li>
 * </ul>
 * Runs after {@code package} (failsafe, {@code -Pspark,spark-cluster}), because the second test submits the job jar.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterIT {
    /** How long a task must have run for its worker to be killed: trials here take 0.5-2 s. */
    private static final long BUSY_MILLIS = 300;

    /** Kept when a test fails: the cluster's and executors' logs are under it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;

    static LocalCluster cluster;
    static List<String> sparkJars;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        sparkJars = sparkInstallationJars();
        long t0 = System.nanoTime();
        cluster = LocalCluster.start(tmp.resolve("cluster"), 2, sparkJars, sparkJars);
        System.err.printf("SparkClusterIT: master and 2 workers up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @BeforeEach
    void twoWorkers() throws IOException, InterruptedException {
        cluster.restartKilledWorkers();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The jars a Spark installation would hold, resolved by src/spark-test/spark-home/pom.xml. */
    static List<String> sparkInstallationJars() throws IOException {
        Path file = Path.of(System.getProperty("ablate4j.sparkJars", "target/spark-home.classpath"));
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing; make it with: ./mvnw -f src/spark-test/spark-home/pom.xml "
                    + "dependency:build-classpath -Dmdep.outputFile=$PWD/target/spark-home.classpath (.ci/run does)");
        }
        List<String> jars = List.of(Files.readString(file).trim().split(File.pathSeparator));
        String core = "spark-core_2.12-" + System.getProperty("ablate4j.sparkVersion") + ".jar";
        assertTrue(jars.stream().anyMatch(j -> j.endsWith(File.separator + core)), file + " has no " + core
                + ": keep spark-home/pom.xml's Spark version equal to the main pom's spark.version");
        return jars;
    }

    // --- the engine in this JVM as the driver; CSV data at a relative path -----------------------------------------

    @Test
    @Order(1)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void engineOnAClusterLosesAWorkerAndStillRecordsEveryTrialOnceWithLocalMetrics() throws Exception {
        // Relative to this JVM's working directory; an executor's working directory is its worker's work dir
        Path data = Path.of("target", "cluster-it-" + UUID.randomUUID());
        Files.createDirectories(data);
        Map<String, String> props = new LinkedHashMap<>();
        try {
            writeCsv(data.resolve("train.csv"), 1500, 20, 3, 11);
            // Beside its data: a relative data path follows the config file, which is named relative to this JVM's
            // working directory, so the driver's path to the data stays relative too
            Path config = data.resolve("csv-grid.yaml");
            Files.writeString(config, """
                    name: cluster-csv
                    dataset: {name: csv, csv: {trainFile: train.csv, header: true}, trainSize: 1000,
                              validationSize: 200, testSize: 300, normalize: standardize}
                    model: {type: mlp, hidden: [128, 128]}
                    training: {epochs: 8, batchSize: 16, optimizer: {type: adam, learningRate: 0.003}}
                    seeds: [1, 2, 3]
                    sweep: {axes: {model.dropout: [0.0, 0.3]}}
                    """);
            Path local = tmp.resolve("csv-local");
            assertEquals(0, Main.execute("run", config.toString(), "--out", local.toString(), "--parallel", "2",
                    "--no-report"));

            Path events = tmp.resolve("csv-events.tsv");
            props.put("spark.ui.enabled", "false");
            // The executors need ablate4j and DL4J: this JVM's classpath, ahead of SPARK_HOME/jars
            props.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            props.put("spark.extraListeners", TaskEvents.class.getName());
            props.put(TaskEvents.FILE, events.toString());
            props.forEach(System::setProperty);
            Path spark = tmp.resolve("csv-spark");
            long t0 = System.nanoTime();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute("run",
                    config.toString(), "--out", spark.toString(), "--engine", "spark", "--master",
                    cluster.masterUrl(), "--no-report"));
            int killed = killABusyWorker(events, run::isDone);
            int exit = run.get(180, TimeUnit.SECONDS);
            System.err.printf("SparkClusterIT: engine run with a worker killed %.1f s%n", (System.nanoTime() - t0) / 1e9);
            assertEquals(0, exit, cluster.logTails());

            assertSameTrialsOnce(local, spark, List.of("model.dropout"));
            assertLostTaskRetried(events, killed);
            assertShippedTo(events, 1 - killed, "-train.csv");
        } finally {
            props.keySet().forEach(System::clearProperty);
            deleteTree(data);
        }
    }

    // --- networks of one's own: a java template's jar and a Keras file travel with the job ---------------------------

    @Test
    @Order(4)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aJavaTemplateJarAndAKerasFileTravelWithTheJobToTheExecutors() throws Exception {
        Path jar = io.ablate4j.network.TemplateJars.compile(tmp.resolve("template-jar"));
        String grid = """
                name: %s
                dataset: {name: synthetic, trainSize: 300, validationSize: 100, testSize: 200,
                          synthetic: {features: 10, classes: 3}}
                model: %s
                training: {epochs: 2, batchSize: 32}
                seeds: [1, 2]
                sweep: {axes: {%s: [0.0, 0.5]}}
                """;
        // Relative to this JVM's working directory, as the CSV data of the first test: no executor sees the Keras file
        Path dir = Path.of("target", "cluster-it-" + UUID.randomUUID());
        Files.createDirectories(dir);
        Map<String, String> props = new LinkedHashMap<>();
        try {
            Path template = dir.resolve("template.yaml");
            Files.writeString(template, grid.formatted("cluster-template", "{type: java, class: com.example.TaperedMlp}",
                    "model.dropout"));
            Files.writeString(dir.resolve("model.json"), "{\"class_name\": \"Sequential\", \"config\": {\"layers\": ["
                    + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 16, \"activation\": "
                    + "\"relu\", \"batch_input_shape\": [null, 10]}}, {\"class_name\": \"Dense\", \"config\": {\"name\": "
                    + "\"o\", \"units\": 3, \"activation\": \"softmax\"}}]}, \"keras_version\": \"2.11.0\"}");
            Path keras = dir.resolve("keras.yaml");
            Files.writeString(keras, grid.formatted("cluster-keras",
                    // A Keras file's model is swept only where it says where: its own model has no dropout layer
                    "{type: keras, file: model.json, addDropout: {after: [dense], rate: 0}}", "model.addDropout.rate"));
            Path local = tmp.resolve("own-local");
            assertEquals(0, Main.execute("run", template.toString(), keras.toString(), "--classpath", jar.toString(),
                    "--out", local.toString(), "--parallel", "2", "--no-report"));
            props.put("spark.ui.enabled", "false");
            // ablate4j and DL4J from this JVM's classpath; the template's jar is not on it
            props.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            props.forEach(System::setProperty);
            Path spark = tmp.resolve("own-spark");
            long t0 = System.nanoTime();
            assertEquals(0, Main.execute("run", template.toString(), keras.toString(), "--classpath", jar.toString(),
                    "--out", spark.toString(), "--engine", "spark", "--master", cluster.masterUrl(), "--no-report"),
                    cluster.logTails());
            System.err.printf("SparkClusterIT: java template and Keras runs %.1f s%n", (System.nanoTime() - t0) / 1e9);
            assertSameTrialsOnce(local.resolve("cluster-template"), spark.resolve("cluster-template"),
                    List.of("model.dropout"));
            assertSameTrialsOnce(local.resolve("cluster-keras"), spark.resolve("cluster-keras"),
                    List.of("model.addDropout.rate"));
        } finally {
            props.keySet().forEach(System::clearProperty);
            deleteTree(dir);
        }
    }

    // --- spark-submit of the job jar, client mode; IDX data found by source: auto through $ABLATE4J_DATA -----------

    @Test
    @Order(2)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void sparkSubmitOfTheJobJarLosesAWorkerAndStillRecordsEveryTrialOnceWithLocalMetrics() throws Exception {
        Path jobJar = Path.of(System.getProperty("ablate4j.jobJar", "target/ablate4j-spark-job.jar"));
        assertTrue(Files.isRegularFile(jobJar), jobJar + " is missing: build it with ./mvnw -Pspark,spark-cluster "
                + "package (this test runs in that build's integration-test phase)");
        // The driver's working directory: the data are under it, and only its environment names them
        Path work = Files.createDirectories(tmp.resolve("submit"));
        Path idx = Files.createDirectories(work.resolve("data").resolve("fashion-mnist"));
        try (Stream<Path> files = Files.list(Path.of("datasets", "fashion-mnist-subset"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".gz")).toList()) {
                Files.copy(f, idx.resolve(f.getFileName()));
            }
        }
        Files.writeString(work.resolve("idx-grid.yaml"), """
                name: cluster-idx
                dataset: {name: fashion-mnist, source: auto, trainSize: 1000, validationSize: 200, testSize: 500}
                model: {type: mlp, hidden: [96]}
                training: {epochs: 4, batchSize: 16, optimizer: {type: adam, learningRate: 0.001}}
                seeds: [1, 2, 3]
                sweep: {axes: {model.dropout: [0.0, 0.5]}}
                """);
        Map<String, String> env = new LinkedHashMap<>(cluster.environment());
        env.put("ABLATE4J_DATA", "data");
        // ND4J's AVX-512 build where this CPU runs it, as ./ablate4j would choose (executors follow the driver)
        Set<String> flags = NativeBuild.cpuFlags();
        boolean avx512 = NativeBuild.runsAvx512(flags);
        List<String> nativeBuild = avx512 ? List.of("-D" + NativeBuild.EXTENSION_PROPERTY + "=" + NativeBuild.AVX512)
                : List.of();

        // The local engine from the same jar, in the same place
        List<String> localCmd = new ArrayList<>(List.of("-Xmx1g"));
        localCmd.addAll(nativeBuild);
        localCmd.addAll(List.of("-cp", jobJar.toAbsolutePath().toString(), "io.ablate4j.cli.Main", "run",
                "idx-grid.yaml", "--out", "local", "--parallel", "2", "--no-report"));
        Process local = start(work, env, "local.log", localCmd);
        assertTrue(local.waitFor(120, TimeUnit.SECONDS), "the local run did not finish in 120 s");
        assertEquals(0, local.exitValue(), Files.readString(work.resolve("local.log")));

        // What bin/spark-submit runs: SparkSubmit on the installation's jars and Spark's Java 17 options; the
        // listener's class is added to the driver's classpath as --driver-class-path would add it
        Path events = work.resolve("events.tsv");
        List<String> cmd = new ArrayList<>(List.of("-Xmx1g"));
        cmd.addAll(nativeBuild); // --driver-java-options
        cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split(" ")));
        cmd.addAll(List.of("-cp", cluster.sparkHome().resolve("conf") + File.pathSeparator
                        + cluster.sparkHome().resolve("jars") + File.separator + "*" + File.pathSeparator
                        + Path.of(TaskEvents.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                "org.apache.spark.deploy.SparkSubmit", "--master", cluster.masterUrl(), "--deploy-mode", "client",
                "--class", "io.ablate4j.cli.Main",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.extraListeners=" + TaskEvents.class.getName(),
                "--conf", TaskEvents.FILE + "=" + events,
                jobJar.toAbsolutePath().toString(), "run", "idx-grid.yaml", "--engine", "spark", "--out", "spark",
                "--no-report"));
        long t0 = System.nanoTime();
        Process submit = start(work, env, "submit.log", cmd);
        int killed = killABusyWorker(events, () -> !submit.isAlive());
        boolean done = submit.waitFor(180, TimeUnit.SECONDS);
        System.err.printf("SparkClusterIT: spark-submit run with a worker killed %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        String log = Files.readString(work.resolve("submit.log"));
        // ablate4j's own lines of the driver's output (Spark's log4j2 lines start with a date)
        log.lines().filter(l -> !l.matches("^\\d\\d/\\d\\d/\\d\\d \\d\\d:.*") && !l.startsWith("\t"))
                .forEach(l -> System.err.println("  spark-submit| " + l));
        if (!done) {
            submit.descendants().forEach(ProcessHandle::destroyForcibly);
            submit.destroyForcibly();
            fail("spark-submit did not finish in 180 s:\n" + tail(log) + cluster.logTails());
        }
        assertEquals(0, submit.exitValue(), tail(log) + cluster.logTails());
        assertTrue(log.contains("Shipping 4 data files"), tail(log));
        // the executors loaded the driver's native build (else a warning names both)
        assertTrue(!log.contains("build runs here"), tail(log));
        assertTrue(Files.readString(work.resolve("spark").resolve("manifest.json")).contains("\"nativeBuild\" : \""
                + org.bytedeco.javacpp.Loader.getPlatform() + (avx512 ? NativeBuild.AVX512 : "") + "\""), "manifest");

        assertSameTrialsOnce(work.resolve("local"), work.resolve("spark"), List.of("model.dropout"));
        assertLostTaskRetried(events, killed);
        assertShippedTo(events, 1 - killed, "-train-images-idx3-ubyte.gz");
    }

    // --- what shipping full Fashion-MNIST costs (by hand: -Dablate4j.measureShipping=true) ---------------------------

    @Test
    @Order(3)
    @EnabledIfSystemProperty(named = "ablate4j.measureShipping", matches = "true")
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void measureShippingFullFashionMnist() throws Exception {
        Path config = tmp.resolve("full.yaml");
        Files.writeString(config, """
                name: ship-full
                dataset: {name: fashion-mnist, source: auto, trainSize: 1000, validationSize: 0, testSize: 1000}
                model: {type: mlp, hidden: [32]}
                training: {epochs: 1, batchSize: 128}
                seeds: [1, 2]
                """);
        List<Path> files = io.ablate4j.data.DataLoader.files(io.ablate4j.config.ConfigLoader.load(config)
                .base().dataset());
        long bytes = 0;
        long t0 = System.nanoTime();
        for (Path f : files) {
            DataShipping.sha256(f);
            bytes += Files.size(f);
        }
        double hashSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spark.ui.enabled", "false");
        props.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        props.put("spark.extraListeners", TaskEvents.class.getName());
        StringBuilder report = new StringBuilder(String.format(java.util.Locale.ROOT,
                "SparkClusterIT: full Fashion-MNIST %s: %d files, %d bytes, hashed by the driver in %.2f s%n",
                files.get(0).getParent(), files.size(), bytes, hashSeconds));
        try {
            // A first run warms the driver up (class loading, JIT); then each way twice, alternating
            boolean[] ships = {false, false, true, false, true};
            for (int run = 0; run < ships.length; run++) {
                boolean ship = ships[run];
                Path events = tmp.resolve("full-events-" + run + ".tsv");
                props.put(TaskEvents.FILE, events.toString());
                props.put(SparkEngine.SHIP_DATA, Boolean.toString(ship));
                props.forEach(System::setProperty);
                long start = System.nanoTime();
                assertEquals(0, Main.execute("run", config.toString(), "--out", tmp.resolve("full-" + run).toString(),
                        "--engine", "spark", "--master", cluster.masterUrl(), "--no-report"));
                double wall = (System.nanoTime() - start) / 1e9;
                if (run == 0) {
                    continue;
                }
                // The first task of each executor fetched the files (deserialization includes the fetch) and loaded them
                Map<String, String> first = new LinkedHashMap<>();
                for (TaskEvents.Event e : TaskEvents.read(events)) {
                    if (e.kind().equals("end")) {
                        first.putIfAbsent(e.executor(), "deserialize " + e.deserializeMillis() + " ms");
                    }
                }
                report.append(String.format(java.util.Locale.ROOT, "  %s: run %.1f s, first task per executor %s%n",
                        ship ? "shipped" : "executors read the same path", wall, first));
                List<String> header = CsvSchemas.trials(List.of());
                assertEquals(RunDirs.metrics(tmp.resolve("full-0").resolve("trials.csv"), header),
                        RunDirs.metrics(tmp.resolve("full-" + run).resolve("trials.csv"), header));
            }
        } finally {
            props.keySet().forEach(System::clearProperty);
        }
        System.err.print(report);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /**
     * Once two executors are up and a trial is recorded, kills the worker whose executor has been training a trial
     * for {@value #BUSY_MILLIS} ms; returns that worker's index.
     */
    static int killABusyWorker(Path events, BooleanSupplier runEnded) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            List<TaskEvents.Event> all = TaskEvents.read(events);
            String app = TaskEvents.appId(all);
            Set<String> executors = new HashSet<>();
            Map<String, TaskEvents.Event> running = new LinkedHashMap<>();
            boolean recorded = false;
            for (TaskEvents.Event e : all) {
                switch (e.kind()) {
                    case "added" -> executors.add(e.executor());
                    case "start" -> running.put(e.index() + "." + e.attempt(), e);
                    case "end" -> {
                        running.remove(e.index() + "." + e.attempt());
                        recorded |= e.reason().startsWith("Success");
                    }
                    default -> {
                    }
                }
            }
            if (executors.size() >= 2 && recorded) {
                long now = System.currentTimeMillis();
                for (TaskEvents.Event task : running.values()) {
                    int worker = cluster.workerOf(app, task.executor());
                    if (now - task.millis() >= BUSY_MILLIS && worker >= 0) {
                        cluster.killWorker(worker);
                        System.err.printf("SparkClusterIT: killed worker %d while executor %s trained task %d%n",
                                worker, task.executor(), task.index());
                        return worker;
                    }
                }
            }
            if (runEnded.getAsBoolean()) {
                fail("the run ended before a worker could be killed mid-trial; events: " + all);
            }
            Thread.sleep(50);
        }
        fail("no executor was busy with a trial within 150 s: " + cluster.logTails());
        return -1;
    }

    /** Every trial of the local run once in the Spark run, ok, with equal metrics (timing columns aside). */
    static void assertSameTrialsOnce(Path local, Path spark, List<String> axes) throws IOException {
        List<String> header = CsvSchemas.trials(axes);
        List<List<String>> rows = ResultsFile.open(spark.resolve("trials.csv"), header).rows();
        List<String> ids = rows.stream().map(r -> r.get(0)).sorted().toList();
        List<String> localIds = ResultsFile.open(local.resolve("trials.csv"), header).rows().stream()
                .map(r -> r.get(0)).sorted().toList();
        assertEquals(localIds, ids, "each trial exactly once");
        assertTrue(rows.stream().allMatch(r -> r.get(header.indexOf("status")).equals("ok")), rows.toString());
        assertEquals(RunDirs.metrics(local.resolve("trials.csv"), header),
                RunDirs.metrics(spark.resolve("trials.csv"), header));
        assertEquals(RunDirs.metrics(local.resolve("epochs.csv"), CsvSchemas.EPOCHS),
                RunDirs.metrics(spark.resolve("epochs.csv"), CsvSchemas.EPOCHS));
    }

    /** A task of the killed worker's executor was lost, and the same trial then succeeded on another executor. */
    static void assertLostTaskRetried(Path events, int killedWorker) throws IOException {
        List<TaskEvents.Event> all = TaskEvents.read(events);
        String app = TaskEvents.appId(all);
        List<TaskEvents.Event> lost = all.stream().filter(e -> e.kind().equals("end")
                && e.reason().startsWith("ExecutorLostFailure") && cluster.workerOf(app, e.executor()) == killedWorker)
                .toList();
        assertTrue(!lost.isEmpty(), "no task was lost with the worker: " + all);
        for (TaskEvents.Event l : lost) {
            assertTrue(all.stream().anyMatch(e -> e.kind().equals("end") && e.index() == l.index()
                    && e.attempt() > l.attempt() && e.reason().startsWith("Success")
                    && !e.executor().equals(l.executor())), "task " + l.index() + " was not retried: " + all);
        }
    }

    /** The surviving worker's executor fetched a file named {@code <content hash>-<name>} into its directory. */
    static void assertShippedTo(Path events, int worker, String suffix) throws IOException {
        String app = TaskEvents.appId(TaskEvents.read(events));
        List<Path> found = new ArrayList<>();
        for (Path dir : cluster.executorDirs(app, worker)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{16}" + suffix)).forEach(found::add);
            }
        }
        assertTrue(!found.isEmpty(), "no shipped *" + suffix + " in the executor directories of worker " + worker
                + ": " + cluster.executorDirs(app, worker));
    }

    /** Rows "f1..fn,label": Gaussian blobs around one random centre per class. */
    static void writeCsv(Path file, int rows, int features, int classes, long seed) throws IOException {
        Random random = new Random(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            for (int j = 0; j < features; j++) {
                c[j] = random.nextGaussian();
            }
        }
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < features; j++) {
            b.append('f').append(j).append(',');
        }
        b.append("label\n");
        for (int i = 0; i < rows; i++) {
            int label = i % classes;
            for (int j = 0; j < features; j++) {
                b.append(String.format(java.util.Locale.ROOT, "%.5f", centres[label][j] + 1.5 * random.nextGaussian()))
                        .append(',');
            }
            b.append(label).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    private static Process start(Path dir, Map<String, String> env, String logName, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LocalCluster.javaExecutable());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
