package dev.coderunner.sandbox;

/**
 * One pool as health and metrics show it.
 *
 * @param name      the language it serves
 * @param size      warm sandboxes it aims to keep
 * @param idle      warm sandboxes ready now
 * @param starting  warm sandboxes being started
 * @param hits      runs that got a warm sandbox
 * @param misses    runs that found the pool empty and started cold
 * @param started   warm sandboxes started so far
 * @param failed    warm sandboxes that failed to start
 * @param lastError why the last start failed, or null
 */
public record PoolState(String name, int size, int idle, int starting, long hits, long misses, long started,
                        long failed, String lastError) {
}
