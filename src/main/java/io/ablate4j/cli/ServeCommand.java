package io.ablate4j.cli;

import io.ablate4j.run.RunException;
import io.ablate4j.serve.LivePage;
import io.ablate4j.serve.Listen;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Serves the live page of a run directory until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Serve the live page of a run directory, finished or partial, until Ctrl-C: progress, "
                + "learning curves, the summary, verdicts, claims and adaptive looks (provisional until the run has "
                + "finished), and the final report.",
                "The page reads the directory as it changes, so it follows a run that another process trains; "
                        + "trials show when they finish (run --serve also shows the trials in training)."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "A run directory (holds manifest.json once the run started).")
    Path runDir;

    @Option(names = "--port", paramLabel = "P", description = "Port (0 picks a free one).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on: 127.0.0.1 is this machine "
            + "only; 0.0.0.0 every interface (anyone who can reach it can read the run).")
    String host = Listen.LOOPBACK;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(runDir)) {
            throw new RunException(runDir + ": not a directory; pass a run directory (results/runs/<experiment>-"
                    + "<timestamp>, or the --out of a run)");
        }
        String spec = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        Listen parsed = Serving.listen("--host/--port", spec);
        Listen listen = new Listen(parsed.host(), parsed.port(), !host.equals(Listen.LOOPBACK));
        PrintStream log = System.err;
        LivePage page = Serving.start("--host", listen, l -> LivePage.serve(runDir, l), log);
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            page.close();
            stop.countDown();
        }, "ablate4j-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        log.println("serving " + runDir + "; Ctrl-C stops");
        log.flush();
        stop.await();
        return 130;
    }
}
