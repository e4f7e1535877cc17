package dev.coderunner.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/**
 * This run of the service: a random id, new at every start, carried by everything its sandboxes
 * create (container labels, cgroup and workspace paths). Two instances with the same settings on
 * one host therefore tell their resources apart, and a sweep only removes what an instance run
 * that is no longer alive left behind.
 */
@Component
public final class InstanceRun {

    private final String id;

    public InstanceRun() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.id = "r" + HexFormat.of().formatHex(random);
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
