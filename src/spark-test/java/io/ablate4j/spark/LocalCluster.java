package io.ablate4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: Spark's own {@code Master} and {@code Worker} classes, each in a
 * JVM of its own (child processes of the test, so that a worker can be killed as a machine dies), every address on
 * the loopback interface ({@code SPARK_LOCAL_IP=127.0.0.1}). Workers launch executors as Spark does, through
 * {@code SPARK_HOME/jars/*}: {@code SPARK_HOME} is a directory of this cluster's with a {@code jars/} folder of links
 * to the given Spark jars, standing in for an installation.
 *
 * <p>{@link #close()} kills every process it started (workers' executors first), also when the test failed; a
 * shutdown hook does the same if the test JVM ends first.
 */
final class LocalCluster implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final Path sparkHome;
    private final List<String> classpath;
    private final int masterPort;
    private final int masterUiPort;
    private Process master;
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();
    private final Thread hook = new Thread(this::killAll, "local-cluster-stop");

    /**
     * Starts a master and {@code workers} workers of one core each and waits until all have registered.
     *
     * @param dir       where the cluster keeps SPARK_HOME, work directories and logs
     * @param classpath the Master's and Workers' classpath
     * @param sparkJars the jars linked into {@code SPARK_HOME/jars}, the executors' classpath
     */
    static LocalCluster start(Path dir, int workers, List<String> classpath, List<String> sparkJars)
            throws IOException, InterruptedException {
        return new LocalCluster(dir, workers, classpath, sparkJars);
    }

    private LocalCluster(Path dir, int workerCount, List<String> classpath, List<String> sparkJars)
            throws IOException, InterruptedException {
        this.dir = dir;
        this.classpath = List.copyOf(classpath);
        this.sparkHome = dir.resolve("spark-home");
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (String jar : sparkJars) {
            Path target = Path.of(jar);
            Path link = jars.resolve(target.getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, target.toAbsolutePath());
            }
        }
        Files.createDirectories(sparkHome.resolve("conf"));
        this.masterPort = freePort();
        this.masterUiPort = freePort();
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            master = launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", LOOPBACK,
                    "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort)));
            for (int i = 0; i < workerCount; i++) {
                workDirs.add(Files.createDirectories(dir.resolve("worker-" + i)));
                workers.add(null);
                startWorker(i);
            }
            awaitWorkers(workerCount);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://" + LOOPBACK + ":" + masterPort;
    }

    Path sparkHome() {
        return sparkHome;
    }

    /** The environment every process of the cluster gets, and a driver started for it should get. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPARK_HOME", sparkHome.toString());
        // The launcher that builds executors' command lines looks for launcher/target/scala-* without it
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", LOOPBACK);
        env.put("SPARK_LOCAL_HOSTNAME", LOOPBACK);
        env.put("OMP_NUM_THREADS", "1");
        // ablate4j's logback.xml (when on a classpath) logs at INFO: executors' logs show what they fetched and ran
        env.put("ABLATE4J_LOG", "INFO");
        return env;
    }

    /** Spark's JVM options for Java 17 (the list spark-class passes). */
    static List<String> jvmOptions() {
        return List.of(JavaModuleOptions.defaultModuleOptions().split(" "));
    }

    /** Starts again every worker that was killed (each with its work directory) and waits until all are alive. */
    void restartKilledWorkers() throws IOException, InterruptedException {
        boolean any = false;
        for (int i = 0; i < workers.size(); i++) {
            if (!workers.get(i).isAlive()) {
                startWorker(i);
                any = true;
            }
        }
        if (any) {
            awaitWorkers(workers.size());
        }
    }

    private void startWorker(int i) throws IOException {
        workers.set(i, launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", masterUrl(),
                "--host", LOOPBACK, "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "2g",
                "--work-dir", workDirs.get(i).toString())));
    }

    /** Kills worker {@code i} and its executors at once (SIGKILL), as when its machine dies. */
    void killWorker(int i) throws InterruptedException {
        Process worker = workers.get(i);
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
        worker.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Which worker launched executor {@code executorId} of application {@code appId} (a worker keeps each executor's
     * working directory at {@code <work dir>/<app id>/<executor id>}), or -1.
     */
    int workerOf(String appId, String executorId) {
        for (int i = 0; i < workDirs.size(); i++) {
            if (appId != null && Files.isDirectory(workDirs.get(i).resolve(appId).resolve(executorId))) {
                return i;
            }
        }
        return -1;
    }

    /** The working directories of application {@code appId}'s executors on worker {@code i} (their SparkFiles root). */
    List<Path> executorDirs(String appId, int i) throws IOException {
        Path app = workDirs.get(i).resolve(appId);
        if (!Files.isDirectory(app)) {
            return List.of();
        }
        try (Stream<Path> execs = Files.list(app)) {
            return execs.filter(Files::isDirectory).toList();
        }
    }

    /** The last lines of every log of the cluster's processes and executors, for a failed test's message. */
    String logTails() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log") || p.getFileName().toString()
                    .equals("stderr")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                b.append("\n--- ").append(dir.relativize(f)).append('\n');
                lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(l -> b.append(l).append('\n'));
            }
        }
        return b.toString();
    }

    private Process launch(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classpath));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(environment());
        return pb.start();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until the master's status page counts {@code n} alive workers. */
    private void awaitWorkers(int n) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int alive = -1;
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("the Spark master exited: " + logTails());
            }
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode status = new ObjectMapper().readTree(r.body());
                alive = status.path("aliveworkers").asInt(-1);
                if (alive == n) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("after " + START_TIMEOUT.toSeconds() + " s the master counts " + alive
                + " alive workers, not " + n + ": " + logTails());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    private void killAll() {
        List<Process> all = new ArrayList<>(workers);
        all.add(master);
        for (Process p : all) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        for (Process p : all) {
            try {
                if (p != null) {
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook runs anyway
        }
    }
}
