package dev.coderunner.sandbox.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport under the Docker client, with two rules docker-java does not have.
 *
 * <p>Every call that should answer at once (create, start, kill, inspect, remove…) has a deadline:
 * a stuck dockerd must never hold a run slot forever. The transport's own response timeout does not
 * work on a unix socket (docker-java's socket ignores SO_TIMEOUT), so each such call runs on a
 * virtual thread of its own, its small body read there in full, and the caller stops waiting at
 * the deadline. Streams (attach, wait, events) have no deadline here, since a program may stay
 * silent for its whole run; the run's own deadline bounds them.
 *
 * <p>A connection failure (dockerd restarted: every pooled connection is dead, and a POST on one
 * fails with a broken pipe rather than being retried) replaces the connection pools, so the next
 * call reconnects. The old pools are closed a while later: streams of runs still in flight on them
 * end by their own deadlines first.
 */
final class DockerTransport implements DockerHttpClient {

    private static final Logger log = LoggerFactory.getLogger(DockerTransport.class);
    /** Longer than any run may last, so no live stream is cut when old connections are closed. */
    private static final Duration RETIRE_AFTER = Duration.ofMinutes(5);
    private static final Executor CALLERS = Executors.newVirtualThreadPerTaskExecutor();

    private record Clients(DockerHttpClient calls, DockerHttpClient streams) {
    }

    private final URI host;
    private final SSLConfig ssl;
    private final Duration callTimeout;
    private final AtomicReference<Clients> clients = new AtomicReference<>();
    /** Set while Docker cannot be reached, so an outage is logged once, not on every call. */
    private final AtomicBoolean lost = new AtomicBoolean();
    private final ScheduledExecutorService retirements = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("docker-transport-retire").factory());

    DockerTransport(URI host, SSLConfig ssl, Duration callTimeout) {
        this.host = host;
        this.ssl = ssl;
        this.callTimeout = callTimeout;
        clients.set(connect());
    }

    private Clients connect() {
        return new Clients(build(callTimeout), build(null));
    }

    private DockerHttpClient build(Duration responseTimeout) {
        var builder = new ApacheDockerHttpClient.Builder()
                .dockerHost(host)
                .sslConfig(ssl)
                .maxConnections(256)
                .connectionTimeout(Duration.ofSeconds(5));
        if (responseTimeout != null) {
            builder.responseTimeout(responseTimeout);
        }
        return builder.build();
    }

    /** The Engine API's streaming endpoints: they answer for as long as the container runs. */
    static boolean streaming(Request request) {
        if (request.hijackedInput() != null) {
            return true;
        }
        String path = request.path();
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        return bare.endsWith("/attach") || bare.endsWith("/wait") || bare.endsWith("/events") || bare.endsWith("/logs");
    }

    @Override
    public Response execute(Request request) {
        Clients current = clients.get();
        try {
            Response response = streaming(request) ? current.streams().execute(request) : withDeadline(current, request);
            lost.set(false);
            return response;
        } catch (RuntimeException e) {
            if (connectionLost(e)) {
                reconnect(current, e);
            }
            throw e;
        }
    }

    private Response withDeadline(Clients current, Request request) {
        var call = CompletableFuture.supplyAsync(() -> Buffered.of(current.calls().execute(request)), CALLERS);
        try {
            return call.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The stuck call ends by itself when dockerd answers or its connection dies.
            call.thenAccept(Response::close);
            throw new UncheckedIOException(new InterruptedIOException("Docker did not answer " + request.method() + " "
                    + request.path() + " within " + callTimeout));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting for Docker"));
        }
    }

    /** A call's answer read in full: status, headers and a small JSON body. */
    private record Buffered(int status, Map<String, List<String>> headers, byte[] body) implements Response {

        static Buffered of(Response response) {
            try (response) {
                InputStream in = response.getBody();
                return new Buffered(response.getStatusCode(), response.getHeaders(),
                        in == null ? new byte[0] : in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public void close() {
        }
    }

    /** A dead connection, not a slow engine: a timeout leaves the pools alone. */
    private static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return false;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private void reconnect(Clients broken, RuntimeException cause) {
        Clients fresh = connect();
        if (clients.compareAndSet(broken, fresh)) {
            if (lost.compareAndSet(false, true)) {
                log.info("Lost the connection to Docker ({}); reconnecting on every call until it answers", cause.getMessage());
            }
            retirements.schedule(() -> closeQuietly(broken), RETIRE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            closeQuietly(fresh);
        }
    }

    private static void closeQuietly(Clients retired) {
        try {
            retired.calls().close();
            retired.streams().close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }

    @Override
    public void close() {
        retirements.shutdownNow();
        closeQuietly(clients.get());
    }
}
