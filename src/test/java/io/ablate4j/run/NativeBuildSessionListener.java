package io.ablate4j.run;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses the ND4J native build for the test JVM before any test class is discovered, as {@code Main.execute} does
 * for the CLI: without it JavaCPP would load the AVX-512 build on every CPU, and a CPU without AVX-512 dies of
 * SIGILL in the first test that touches ND4J. Registered in {@code META-INF/services}.
 */
public final class NativeBuildSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeBuild.select();
    }
}
