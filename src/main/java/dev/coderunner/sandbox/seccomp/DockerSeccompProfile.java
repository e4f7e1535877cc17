package dev.coderunner.sandbox.seccomp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy as a Docker seccomp profile (the JSON {@code --security-opt seccomp=} takes, handed
 * over in the container's {@code HostConfig.SecurityOpt} as text), for one architecture: every
 * container gets exactly this, never the engine's own default, which varies by Docker version.
 * Other ABIs of the host (i386, x32) are not listed, so their calls fail.
 */
public final class DockerSeccompProfile {

    private DockerSeccompProfile() {
    }

    /** The profile as a JSON object tree, ready for any JSON writer. */
    public static Map<String, Object> of(SeccompPolicy.Arch arch) {
        var syscalls = new ArrayList<Map<String, Object>>();
        var allowed = new ArrayList<>(SeccompPolicy.ALLOWED);
        allowed.addAll(SeccompPolicy.allowedOn(arch));
        syscalls.add(Map.of("names", allowed, "action", "SCMP_ACT_ALLOW"));
        for (var rule : SeccompPolicy.ALLOWED_WITH_ARGUMENTS) {
            var argument = new LinkedHashMap<String, Object>();
            argument.put("index", rule.argument());
            argument.put("value", rule.datumA());
            argument.put("valueTwo", rule.datumB());
            argument.put("op", "SCMP_CMP_" + rule.compare().name());
            syscalls.add(Map.of("names", List.of(rule.syscall()), "action", "SCMP_ACT_ALLOW", "args", List.of(argument)));
        }
        syscalls.add(Map.of("names", SeccompPolicy.NOT_IMPLEMENTED, "action", "SCMP_ACT_ERRNO",
                "errnoRet", SeccompPolicy.ENOSYS));
        var profile = new LinkedHashMap<String, Object>();
        profile.put("defaultAction", "SCMP_ACT_ERRNO");
        profile.put("defaultErrnoRet", SeccompPolicy.EPERM);
        profile.put("architectures", List.of(arch.dockerName));
        profile.put("syscalls", syscalls);
        return profile;
    }
}
