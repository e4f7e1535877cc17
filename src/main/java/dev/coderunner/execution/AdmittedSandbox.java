package dev.coderunner.execution;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.util.unit.DataSize;

import dev.coderunner.sandbox.Sandbox;
import dev.coderunner.sandbox.SandboxFactory;
import dev.coderunner.sandbox.SandboxSpec;

/**
 * A run slot and the fresh sandbox opened under it. Closing hands both to a thread of their own:
 * the sandbox is torn down (containers, cgroups, workspace) and only then is the slot freed. The
 * caller answers as soon as the program has exited and its output is drained, while admission and
 * the drain at shutdown still count the teardown as part of the run.
 */
final class AdmittedSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdmittedSandbox.class);

    private final Admission.Permit permit;
    private final Sandbox sandbox;

    private AdmittedSandbox(Admission.Permit permit, Sandbox sandbox) {
        this.permit = permit;
        this.sandbox = sandbox;
    }

    /** Waits for a slot for {@code memory}, then opens the sandbox; the slot is freed at once if that fails. */
    static AdmittedSandbox open(Admission admission, DataSize memory, SandboxFactory sandboxes, SandboxSpec spec) {
        Admission.Permit permit = admission.admit(memory);
        try {
            return new AdmittedSandbox(permit, sandboxes.open(spec));
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        permit.finishing();
        Map<String, String> context = MDC.getCopyOfContextMap();
        Thread.ofVirtual().name("sandbox-teardown").start(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                sandbox.close();
            } catch (RuntimeException e) {
                // What stays behind is the leftover sweeper's to remove.
                log.warn("Sandbox teardown failed: {}", e.toString());
            } finally {
                permit.close();
                MDC.clear();
            }
        });
    }
}
