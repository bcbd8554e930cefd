package io.ablate4j.cli;

import io.ablate4j.run.RunException;
import io.ablate4j.serve.LivePage;
import io.ablate4j.serve.Listen;
import java.io.IOException;
import java.io.PrintStream;

/** Starting the live page for {@code run --serve} and {@code serve}: the address, the console lines, the errors. */
final class Serving {
    private Serving() {
    }

    /** How {@link LivePage} is started. */
    @FunctionalInterface
    interface Start {
        LivePage start(Listen listen) throws IOException;
    }

    /** Parses {@code [HOST:]PORT}; a usage error naming the option otherwise. */
    static Listen listen(String option, String spec) {
        try {
            return Listen.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new RunException(option + " " + e.getMessage());
        }
    }

    /**
     * Starts the page and says where it is and who can reach it.
     *
     * @throws RunException when the address cannot be bound (before anything is trained)
     */
    static LivePage start(String option, Listen listen, Start start, PrintStream log) {
        LivePage page;
        try {
            page = start.start(listen);
        } catch (IllegalArgumentException e) {
            throw new RunException(option + ": " + e.getMessage());
        } catch (IOException e) {
            throw new RunException(option + ": cannot listen on " + listen.host() + ":" + listen.port() + " ("
                    + e.getMessage() + "); choose another port (0 picks a free one)");
        }
        if (page.loopback()) {
            log.println("live page: " + page.url() + " (this machine only"
                    + (listen.hostGiven() ? ")" : "; " + option + " HOST:PORT listens elsewhere)"));
        } else {
            log.println("live page: " + page.url() + " (listening on " + listen.host() + ": anyone who can reach "
                    + "this machine on port " + page.address().getPort() + " can read this run's results; there is no "
                    + "password and no encryption)");
        }
        log.flush();
        return page;
    }
}
