package io.ablate4j.serve;

import io.ablate4j.report.Preview;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The live page of one run, served over HTTP: {@code /} (the page, which asks for the state every 1 to 5 s and draws
 * it), {@code /api/state} (the state, {@link RunView}) and {@code /report.html} (the run's report, once it has
 * finished), nothing else. {@code ablate4j serve RUN_DIR} shows a directory; {@code run --serve} the run of this
 * JVM, through a {@link Live} its observer feeds.
 *
 * <pre>{@code
 * try (LivePage page = LivePage.serve(Path.of("results/runs/quickstart-20261207-101500"), Listen.parse("8080"))) {
 *     System.out.println("live page: " + page.url());
 *     ...
 * }
 * }</pre>
 */
public final class LivePage implements AutoCloseable {
    static final String STATE = "/api/state";
    static final String REPORT = "/report.html";
    /** Pages seen within this long are waited for at the end ({@link #awaitPages}); they ask every 1 to 5 s. */
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(7);
    private static final int MAX_PAGES = 256;
    private static final int MAX_PAGE_ID = 32;

    /** What the server knows of one open page: when it last asked, and whether it has the end. */
    private static final class Seen {
        long at;
        boolean gotFinal;
        boolean gotReport;
    }

    private final RunView view;
    private final PageServer server;
    private final byte[] page;
    private final Map<String, Seen> pages = new LinkedHashMap<>();

    private LivePage(RunView view, InetSocketAddress address, Limits limits) throws IOException {
        this.view = view;
        this.page = page();
        this.server = PageServer.start(address, this::respond, limits);
    }

    /**
     * Serves the page of a run directory, finished or not.
     *
     * @throws IOException when the address cannot be bound
     */
    public static LivePage serve(Path runDir, Listen listen) throws IOException {
        return new LivePage(new RunView(runDir), listen.address(), Limits.DEFAULT);
    }

    /**
     * Serves the page of the run {@code live} follows.
     *
     * @throws IOException when the address cannot be bound
     */
    public static LivePage serve(Live live, Listen listen) throws IOException {
        return new LivePage(new RunView(live), listen.address(), Limits.DEFAULT);
    }

    /** With other limits (tests). */
    static LivePage serve(RunView view, InetSocketAddress address, Limits limits) throws IOException {
        return new LivePage(view, address, limits);
    }

    public URI url() {
        return server.url();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** Whether only this machine can reach the page. */
    public boolean loopback() {
        return server.loopback();
    }

    /**
     * Waits, at most {@code max}, until every page that asked in the last seconds has been given the final state
     * (and the report, which the page then opens): so that the pages open when a run ends show its end, not a
     * lost connection. Returns at once when no page is open.
     */
    public void awaitPages(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && !caughtUp()) {
            Thread.sleep(100);
        }
    }

    private synchronized boolean caughtUp() {
        long now = System.nanoTime();
        boolean report = view.finished() && reportExists();
        for (Seen s : pages.values()) {
            if (now - s.at < RECENT_NANOS && (!s.gotFinal || (report && !s.gotReport))) {
                return false;
            }
        }
        return true;
    }

    private boolean reportExists() {
        try {
            return view.report().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops serving; open pages keep what they show and say that the server is gone. */
    @Override
    public void close() {
        server.close();
    }

    private Response respond(Request q) throws IOException {
        String pageId = q.query().get("page");
        switch (q.path()) {
            case "/", "/index.html" -> {
                return new Response(200, Response.HTML, page);
            }
            case STATE -> {
                byte[] state = view.state(q.query().get("since"));
                seen(pageId, view.finished(), false);
                return state == null ? Response.noContent() : new Response(200, Response.JSON, state);
            }
            case REPORT -> {
                Optional<byte[]> report = view.report();
                if (report.isEmpty()) {
                    return Response.text(404, "no report yet: it is served once the run has finished and written it");
                }
                seen(pageId, true, true);
                return new Response(200, Response.HTML, report.get());
            }
            default -> {
                return Response.text(404, "not found: this server answers " + STATE + ", " + REPORT + " and the "
                        + "page, /");
            }
        }
    }

    private synchronized void seen(String id, boolean gotFinal, boolean gotReport) {
        if (id == null || id.isEmpty() || id.length() > MAX_PAGE_ID) {
            return;
        }
        Seen s = pages.get(id);
        if (s == null) {
            if (pages.size() == MAX_PAGES) {
                Iterator<String> oldest = pages.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            s = new Seen();
            pages.put(id, s);
        }
        s.at = System.nanoTime();
        s.gotFinal |= gotFinal;
        s.gotReport |= gotReport;
    }

    /** The page with the report's style sheet inlined: one document, nothing fetched from anywhere else. */
    private static byte[] page() {
        try (InputStream in = LivePage.class.getResourceAsStream("live.html")) {
            if (in == null) {
                throw new IllegalStateException("io/ablate4j/serve/live.html is missing from the jar");
            }
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return html.replace("/*REPORT_CSS*/", Preview.css()).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
