package io.ablate4j.serve;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An answer: status, content type and the whole body (every answer is small or a file already read; nothing streams).
 *
 * @param headers extra header fields ({@code Allow} of a 405)
 */
record Response(int status, String type, byte[] body, Map<String, String> headers) {
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    Response {
        headers = Map.copyOf(headers);
    }

    Response(int status, String type, byte[] body) {
        this(status, type, body, Map.of());
    }

    static Response text(int status, String message) {
        return new Response(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Response noContent() {
        return new Response(204, null, new byte[0]);
    }

    /** The reason phrase of the statuses this server sends. */
    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }
}
