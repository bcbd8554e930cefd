package io.ablate4j.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the live page listens: {@code [HOST:]PORT}. Without a host it is {@value #LOOPBACK}, this machine only;
 * port 0 takes a free port.
 *
 * @param host      a name or address ({@code [::1]} without its brackets)
 * @param port      0 to 65535
 * @param hostGiven whether the host was asked for (the console then says who can reach the page)
 */
public record Listen(String host, int port, boolean hostGiven) {
    /** The default host: the loopback interface, so that nothing outside this machine reaches the page. */
    public static final String LOOPBACK = "127.0.0.1";
    private static final Pattern SPEC = Pattern.compile("(?:(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):)?([0-9]{1,5})");

    public Listen {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
    }

    /**
     * Parses {@code 8080}, {@code 0}, {@code 0.0.0.0:8080}, {@code localhost:8080}, {@code [::1]:8080}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static Listen parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + spec + "': expected [HOST:]PORT with PORT in 0..65535, e.g. 8080 "
                    + "(this machine only), 0 (a free port) or 0.0.0.0:8080 (every interface)");
        }
        String host = m.group(1);
        if (host == null) {
            return new Listen(LOOPBACK, port, false);
        }
        return new Listen(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port, true);
    }

    /**
     * The socket address.
     *
     * @throws IllegalArgumentException when the host does not resolve
     */
    public InetSocketAddress address() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host '" + host + "' does not resolve to an address of this machine");
        }
    }
}
