package dev.coderunner.sandbox;

import java.util.List;
import java.util.Map;

/**
 * The sandbox SPI: everything the execution logic needs from an isolation engine. Engines
 * ({@link SandboxEngine}: Docker, bubblewrap) and decorators (warm pools) implement it; nothing
 * above this package knows which.
 */
public interface SandboxFactory {

    /** Short engine name shown by health and language listings, e.g. {@code docker}. */
    String engine();

    /**
     * A fresh sandbox for exactly one program. The caller must close it; closing removes
     * everything the sandbox created.
     *
     * @throws SandboxUnavailableException when the engine cannot provide one now
     */
    Sandbox open(SandboxSpec spec);

    /** Whether a run with the given image could be executed right now, and if not, why. */
    Readiness readiness(String image);

    /**
     * The sandbox each named kind of run (a language) usually asks for. A pooling factory keeps
     * some of each warm; an engine has nothing to do with it.
     *
     * @throws IllegalStateException when the configuration names a kind that is not among them
     */
    default void keepWarm(Map<String, SandboxSpec> usual) {
    }

    /** The warm pools behind this factory, for health and metrics; none for a bare engine. */
    default List<PoolState> pools() {
        return List.of();
    }

    record Readiness(boolean ready, String reason) {
        public static Readiness ok() {
            return new Readiness(true, "ready");
        }

        public static Readiness notReady(String reason) {
            return new Readiness(false, reason);
        }
    }
}
