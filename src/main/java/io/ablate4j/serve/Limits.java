package io.ablate4j.serve;

import java.time.Duration;

/**
 * What one page server takes on at most, so that no client can make it use more than a little memory and two
 * low-priority threads, however many connect or however slowly they talk.
 *
 * @param threads         worker threads (each answers one request at a time)
 * @param connections     connections held at once (answered or waiting); more are answered 503 and closed
 * @param headBytes       request line and headers together
 * @param headers         header fields of a request
 * @param headTimeout     to receive a request's head, from the connection's accept
 * @param exchangeTimeout a connection's whole life, reading and writing; a client that stops reading is cut off
 */
public record Limits(int threads, int connections, int headBytes, int headers, Duration headTimeout,
                     Duration exchangeTimeout) {
    /** Two threads, 32 connections, 8 KiB and 64 header fields, 10 s for a request's head, 30 s for an exchange. */
    public static final Limits DEFAULT = new Limits(2, 32, 8 * 1024, 64, Duration.ofSeconds(10),
            Duration.ofSeconds(30));

    public Limits {
        if (threads < 1 || connections < threads || headBytes < 256 || headers < 1) {
            throw new IllegalArgumentException("limits out of range: " + threads + " threads, " + connections
                    + " connections, " + headBytes + " bytes, " + headers + " headers");
        }
    }
}
