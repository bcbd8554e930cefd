package io.ablate4j.serve;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request as this server accepts one, and nothing else: {@code GET} or {@code HEAD} of a plain path (letters,
 * digits, {@code . _ - /}, no encoded characters, no {@code .} or {@code ..} segment, no empty segment), with an
 * optional query of plain words, in HTTP/1.0 or 1.1, without a body, its head within {@link Limits#headBytes()} and
 * {@link Limits#headers()} and arriving within {@link Limits#headTimeout()}. Whatever else arrives is refused with
 * the status that says why, before any file is looked at: the checks are on the raw bytes, so no decoding can turn
 * a refused path into an accepted one.
 *
 * @param method  {@code GET} or {@code HEAD}
 * @param path    the raw path, checked as above
 * @param query   the query's {@code key=value} pairs
 * @param headers header fields by lower-case name
 */
record Request(String method, String path, Map<String, String> query, Map<String, String> headers) {
    static final int MAX_TARGET = 2048;
    private static final Pattern LINE = Pattern.compile("([A-Z]{1,16}) ([^ ]+) HTTP/([0-9])\\.([0-9])");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]*");
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9_]+=[A-Za-z0-9._-]*"
            + "(&[A-Za-z0-9_]+=[A-Za-z0-9._-]*)*");

    Request {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    boolean head() {
        return method.equals("HEAD");
    }

    /** A request refused before it reaches the site: the status and why, for the client. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient Map<String, String> headers;

        Refused(int status, String why) {
            this(status, why, Map.of());
        }

        Refused(int status, String why, Map<String, String> headers) {
            super(why, null, false, false);
            this.status = status;
            this.headers = headers;
        }

        Response response() {
            return new Response(status, Response.TEXT, (getMessage() + "\n").getBytes(StandardCharsets.UTF_8),
                    headers);
        }
    }

    /**
     * Reads one request's head from {@code socket} by {@code deadline} ({@link System#nanoTime()}).
     *
     * @throws Refused     when the request is not one this server answers (the status says why)
     * @throws IOException when the client goes away
     */
    static Request read(Socket socket, Limits limits, long deadline) throws IOException, Refused {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[limits.headBytes()];
        int len = 0;
        int end = -1;
        while (end < 0) {
            if (len == buf.length) {
                throw new Refused(431, "the request's head is larger than " + buf.length + " bytes");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new Refused(408, "the request's head did not arrive in time");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left))));
            int n;
            try {
                n = in.read(buf, len, buf.length - len);
            } catch (SocketTimeoutException e) {
                throw new Refused(408, "the request's head did not arrive in time");
            }
            if (n < 0) {
                throw new EOFException("the client closed the connection before the end of its request");
            }
            int from = Math.max(0, len - 3);
            len += n;
            end = headEnd(buf, from, len);
        }
        String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        return parse(head.endsWith("\r") ? head.substring(0, head.length() - 1) : head, limits);
    }

    /** Where the head ends (the blank line's start), or -1. */
    private static int headEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                if (i + 1 < to && b[i + 1] == '\n') {
                    return i;
                }
                if (i + 2 < to && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Parses and checks a request's head (without its blank line). */
    static Request parse(String head, Limits limits) throws Refused {
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\r' && c != '\n' && c != '\t') {
                throw new Refused(400, "the request's head has a control or non-ASCII character");
            }
        }
        String[] lines = head.split("\r?\n", -1);
        Matcher m = LINE.matcher(lines[0]);
        if (!m.matches()) {
            throw new Refused(400, "not an HTTP request line: METHOD PATH HTTP/1.1");
        }
        if (!m.group(3).equals("1") || !(m.group(4).equals("0") || m.group(4).equals("1"))) {
            throw new Refused(505, "only HTTP/1.0 and HTTP/1.1 are spoken here");
        }
        if (lines.length - 1 > limits.headers()) {
            throw new Refused(431, "more than " + limits.headers() + " header fields");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                throw new Refused(400, "a malformed header field");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (headers.containsKey(name) && (name.equals("host") || name.equals("content-length"))) {
                throw new Refused(400, "the header field " + name + " appears twice");
            }
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        String method = m.group(1);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new Refused(405, "this server changes nothing: only GET and HEAD", Map.of("Allow", "GET, HEAD"));
        }
        String length = headers.get("content-length");
        if (headers.containsKey("transfer-encoding") || (length != null && !length.equals("0"))) {
            throw new Refused(413, "a GET or HEAD request carries no body here");
        }
        if (m.group(4).equals("1") && !headers.containsKey("host")) {
            throw new Refused(400, "an HTTP/1.1 request needs a Host header field");
        }
        String target = m.group(2);
        if (target.length() > MAX_TARGET) {
            throw new Refused(414, "the request target is longer than " + MAX_TARGET + " characters");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        checkPath(path);
        return new Request(method, path, query(query), headers);
    }

    /** Only plain paths: the reasons are spelt out for the tests and for whoever tries. */
    private static void checkPath(String path) throws Refused {
        if (!path.startsWith("/")) {
            throw new Refused(400, "only paths are served (no absolute URL, authority or *)");
        }
        if (path.indexOf('%') >= 0) {
            throw new Refused(400, "encoded characters in a path are not served");
        }
        if (path.indexOf('\\') >= 0) {
            throw new Refused(400, "backslashes in a path are not served");
        }
        if (path.contains("//")) {
            throw new Refused(400, "empty path segments are not served");
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new Refused(400, "'.' and '..' path segments are not served");
            }
        }
        if (!PATH.matcher(path).matches()) {
            throw new Refused(400, "a path may hold letters, digits and . _ - / only");
        }
    }

    private static Map<String, String> query(String query) throws Refused {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return pairs;
        }
        if (!QUERY.matcher(query).matches()) {
            throw new Refused(400, "a query may hold key=value pairs of letters, digits and . _ - only");
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            pairs.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return pairs;
    }
}
