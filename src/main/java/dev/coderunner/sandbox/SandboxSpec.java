package dev.coderunner.sandbox;

import org.springframework.util.unit.DataSize;

/**
 * What a sandbox is made from and the resource limits every command in it runs under.
 *
 * @param image     runtime image (Docker image name; other engines map it to a root filesystem)
 * @param memory    memory ceiling, swap included (no swap beyond it)
 * @param cpus      CPU quota in cores
 * @param pids      maximum number of processes and threads
 * @param workspace size of the writable working directory
 * @param fileSize  largest file a program may write
 * @param openFiles maximum open file descriptors
 */
public record SandboxSpec(String image, DataSize memory, double cpus, int pids, DataSize workspace,
                          DataSize fileSize, int openFiles) {
}
