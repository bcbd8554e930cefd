package io.ablate4j.run;

import java.io.PrintStream;
import java.nio.file.Path;

/** Writes the report of a run directory at the end of a run. */
final class Reporting {
    private Reporting() {
    }

    static void write(Path dir, PrintStream log) {
        // Filled in when the report package lands.
    }
}
