package io.ablate4j.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for the live page: one request per connection, {@code GET} and {@code HEAD} only, every
 * answer read whole before it is sent. Written here rather than taken from the JDK ({@code com.sun.net.httpserver})
 * because the limits that keep a run safe from its page must hold per server and on every Java 17: connections held at
 * once, the size and arrival time of a request's head, and a connection's whole life (the JDK's server bounds these
 * only through JVM-wide system properties, some of them only in recent updates, and not a write to a client that
 * stops reading). See {@link Limits} and {@link Request}.
 *
 * <p>Training comes first: an accept thread and at most {@link Limits#threads()} workers, all daemon threads at the
 * lowest priority, none of them started by a trial and none of them holding anything a trial waits for. A connection
 * beyond {@link Limits#connections()} is answered 503 and closed at once; one that outlives
 * {@link Limits#exchangeTimeout()} is closed by the accept thread, which looks twice a second.
 *
 * <p>Listening on a loopback address, it answers only requests whose {@code Host} is a loopback name
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) with its port: a web page elsewhere that rebinds its own name
 * to 127.0.0.1 cannot read the run through a visitor's browser.
 */
public final class PageServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PageServer.class);
    private static final int ACCEPT_TICK_MS = 500;
    private static final int DRAIN_MS = 500;
    private static final int DRAIN_BYTES = 64 * 1024;
    private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    /** Answers a checked request. */
    @FunctionalInterface
    interface Site {
        Response respond(Request request) throws IOException;
    }

    /** An accepted connection: when its request's head must have arrived, and when it is cut off. */
    private record Connection(Socket socket, long headDeadline, long deadline) {
    }

    private final ServerSocket server;
    private final Site site;
    private final Limits limits;
    private final boolean loopback;
    private final Semaphore slots;
    private final ThreadPoolExecutor workers;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private PageServer(ServerSocket server, Site site, Limits limits) {
        this.server = server;
        this.site = site;
        this.limits = limits;
        this.loopback = server.getInetAddress().isLoopbackAddress();
        this.slots = new Semaphore(limits.connections());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(limits.threads(), limits.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.connections()), r -> lowPriority(r, "ablate4j-serve-"
                + n.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        this.acceptor = lowPriority(this::acceptLoop, "ablate4j-serve-accept");
    }

    private static Thread lowPriority(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    }

    /**
     * Listens on {@code address} and answers with {@code site}.
     *
     * @throws IOException when the address cannot be bound (in use, not this machine's)
     */
    static PageServer start(InetSocketAddress address, Site site, Limits limits) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, limits.connections());
            socket.setSoTimeout(ACCEPT_TICK_MS);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        PageServer s = new PageServer(socket, site, limits);
        s.acceptor.start();
        return s;
    }

    /** The bound address (the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The page's address: {@code http://127.0.0.1:PORT/} (a wildcard address is shown as this machine's name). */
    public URI url() {
        InetAddress a = server.getInetAddress();
        String host;
        if (a.isAnyLocalAddress()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        } else {
            host = a.getHostAddress().contains(":") ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        }
        return URI.create("http://" + host + ":" + server.getLocalPort() + "/");
    }

    /** Whether only this machine can connect (a loopback address). */
    public boolean loopback() {
        return loopback;
    }

    /** Stops listening and closes every connection; returns at once. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the page server's socket", e);
        }
        for (Connection c : open) {
            closeQuietly(c.socket());
        }
        workers.shutdownNow();
    }

    /** Whether {@link #close} was called. */
    public boolean closed() {
        return closed;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (SocketTimeoutException e) {
                reap();
                continue;
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("accept failed", e);
                }
                continue;
            }
            reap();
            if (!slots.tryAcquire()) {
                refuse(s);
                continue;
            }
            long now = System.nanoTime();
            Connection c = new Connection(s, now + Math.min(limits.headTimeout().toNanos(),
                    limits.exchangeTimeout().toNanos()), now + limits.exchangeTimeout().toNanos());
            open.add(c);
            try {
                workers.execute(() -> serve(c));
            } catch (RejectedExecutionException e) {
                open.remove(c);
                slots.release();
                refuse(s);
            }
        }
    }

    /** Closes the connections that outlived {@link Limits#exchangeTimeout()} (a client that stopped reading). */
    private void reap() {
        long now = System.nanoTime();
        for (Connection c : open) {
            if (now - c.deadline() > 0) {
                closeQuietly(c.socket());
            }
        }
    }

    /** 503 to a connection beyond the limit, written without waiting (it fits the socket's buffer) and closed. */
    private static void refuse(Socket s) {
        try (s) {
            s.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.trace("refusing a connection", e);
        }
    }

    private void serve(Connection c) {
        Socket s = c.socket();
        try (s) {
            s.setTcpNoDelay(true);
            Response r;
            boolean head = false;
            try {
                Request q = Request.read(s, limits, c.headDeadline());
                head = q.head();
                checkHost(q);
                r = site.respond(q);
            } catch (Request.Refused e) {
                r = e.response();
            } catch (RuntimeException e) {
                LOG.debug("the live page failed to answer", e);
                r = Response.text(500, "the page could not be made: " + e);
            }
            write(s.getOutputStream(), r, head);
            if (r.status() != 408) {
                drain(s);
            }
        } catch (IOException e) {
            LOG.trace("a client went away", e); // nothing to do: the run never waits for a page
        } finally {
            open.remove(c);
            slots.release();
        }
    }

    private void checkHost(Request q) throws Request.Refused {
        String host = q.headers().get("host");
        if (!loopback || host == null) {
            return;
        }
        String h = host.toLowerCase(Locale.ROOT);
        String port = ":" + server.getLocalPort();
        String name = h.endsWith(port) ? h.substring(0, h.length() - port.length()) : h;
        if (!LOOPBACK_NAMES.contains(name)) {
            throw new Request.Refused(403, "this page answers to localhost, 127.0.0.1 or [::1] only (Host: "
                    + host + ")");
        }
    }

    private static void write(OutputStream out, Response r, boolean head) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("HTTP/1.1 ").append(r.status()).append(' ').append(Response.reason(r.status())).append("\r\n");
        if (r.type() != null) {
            h.append("Content-Type: ").append(r.type()).append("\r\n");
        }
        if (r.status() != 204) {
            h.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        h.append("Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n")
                .append("X-Frame-Options: DENY\r\nContent-Security-Policy: ").append(CSP).append("\r\n")
                .append("Connection: close\r\n");
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            h.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        h.append("\r\n");
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        if (!head) {
            out.write(r.body());
        }
        out.flush();
    }

    /**
     * Ends the answer and reads what the client still sends (a body it was told not to send) for a moment before
     * closing, so that closing does not reset the connection under the answer.
     */
    private static void drain(Socket s) throws IOException {
        s.shutdownOutput();
        s.setSoTimeout(DRAIN_MS);
        byte[] sink = new byte[4096];
        int total = 0;
        try {
            for (int n; total < DRAIN_BYTES && (n = s.getInputStream().read(sink)) >= 0; ) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            LOG.trace("a client kept its connection open after the answer", e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.trace("closing a connection", e);
        }
    }
}
