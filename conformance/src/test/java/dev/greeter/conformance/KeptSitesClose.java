package dev.greeter.conformance;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Removes what the ITs' runs kept ({@link Harness#SITES}) once every test has run, before the JVM exits. Left to the
 * keeper's exit hook, the removal raced Testcontainers' own exit hook, which removes the containers it started but not
 * the volumes: a Unix-domain holder's socket-directory volume was left behind so.
 */
public final class KeptSitesClose implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Harness.SITES.close();
    }
}
