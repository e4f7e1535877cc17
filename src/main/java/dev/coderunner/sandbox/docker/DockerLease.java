package dev.coderunner.sandbox.docker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.coderunner.sandbox.ConditionalOnEngine;
import dev.coderunner.sandbox.SandboxProperties;

/**
 * This instance run's lease on the Docker engine: a small container that runs exactly as long as
 * the service's attach connection to it stays open, so it stops when the process dies. Another
 * instance's sweep takes a run with no running lease for dead. Made before the run creates
 * anything else, and again after Docker restarts (which stops every container).
 */
@Component
@ConditionalOnEngine("docker")
class DockerLease implements DisposableBean {

    private static final Duration ATTACH_WAIT = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final DockerLeftovers leftovers;
    private final DockerLabels labels;
    private final String user;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String container;
    private volatile Attachment attached;

    /** The lease's attach stream; it ends when the lease container stops. */
    private static final class Attachment extends ResultCallback.Adapter<Frame> {
        private volatile boolean ended;

        @Override
        public void onComplete() {
            ended = true;
            super.onComplete();
        }

        @Override
        public void onError(Throwable throwable) {
            ended = true;
            try {
                close();
            } catch (java.io.IOException alreadyClosed) {
                // Nothing more to release.
            }
        }
    }

    DockerLease(DockerClient docker, DockerLeftovers leftovers, SandboxProperties sandbox) {
        this.docker = docker;
        this.leftovers = leftovers;
        this.labels = leftovers.labels();
        this.user = sandbox.user();
    }

    /** Makes sure the lease is held, starting one from {@code image} if it is not (or no longer). */
    void ensure(String image, String seccompProfile, String runtime) {
        if (held()) {
            return;
        }
        lock.lock();
        try {
            if (held()) {
                return;
            }
            release();
            String id = DockerContainerSpec.createLease(docker, image, user, labels, seccompProfile, runtime);
            container = id;
            leftovers.track(id);
            var stdin = new DeferredInput();
            var callback = docker.attachContainerCmd(id).withStdIn(stdin).withFollowStream(true)
                    .exec(new Attachment());
            if (!callback.awaitStarted(ATTACH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Docker did not attach to the lease container within " + ATTACH_WAIT);
            }
            docker.startContainerCmd(id).exec();
            attached = callback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the Docker lease", e);
        } finally {
            lock.unlock();
        }
    }

    /** Held while the attach stream is open: it ends when the lease container stops. */
    private boolean held() {
        var callback = attached;
        return callback != null && !callback.ended;
    }

    private void release() {
        String id = container;
        container = null;
        attached = null;
        if (id != null) {
            try {
                leftovers.remove(false, id);
            } catch (NotFoundException gone) {
                // Removed with Docker's restart, or by hand.
            } catch (RuntimeException unreachable) {
                leftovers.retryLater(false, id);
            }
        }
    }

    @Override
    public void destroy() {
        lock.lock();
        try {
            release();
        } finally {
            lock.unlock();
        }
    }
}
