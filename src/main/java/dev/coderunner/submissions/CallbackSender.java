package dev.coderunner.submissions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import dev.coderunner.execution.InvalidExecutionRequestException;

/**
 * POSTs a finished submission to its {@code callback_url}, signed, with a timeout, no redirects,
 * and retries with exponential backoff. Server-side request forgery is refused where it counts:
 * the client's own DNS resolver hands the connection only public addresses (unless the host is
 * allowed by name), so the address checked is the address connected to, whatever DNS answers later.
 */
@Component
class CallbackSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);
    static final String SIGNATURE_HEADER = "X-Signature";

    private final CallbackProperties properties;
    private final JsonMapper json;
    private final CloseableHttpClient client;

    CallbackSender(CallbackProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        Timeout timeout = Timeout.of(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PublicOnlyResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("code-runner-callback")
                .build();
    }

    /** The callback URL of a new submission, refused (422) when it could never be called. */
    URI check(String url) {
        if (properties.secret().isEmpty()) {
            throw new InvalidExecutionRequestException("callback_url", "callbacks are off: CALLBACK_SECRET is not set");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidExecutionRequestException("callback_url", "callback_url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new InvalidExecutionRequestException("callback_url", "callback_url must be an http or https URL with a host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (isLiteral(host) && !allowed(host)) {
            try {
                if (!CallbackAddresses.isPublic(InetAddress.getByName(stripBrackets(host)))) {
                    throw new InvalidExecutionRequestException("callback_url", "callback_url points at a loopback, "
                            + "private or link-local address; list its host in CALLBACK_ALLOWED_HOSTS to allow it");
                }
            } catch (UnknownHostException e) {
                throw new InvalidExecutionRequestException("callback_url", "callback_url has an unreadable address");
            }
        }
        return uri;
    }

    /** Sends a submission's final answer, retrying; each attempt's outcome goes to {@code record}. */
    void deliver(Submission.View submission, URI callbackUrl, Consumer<Submission.Callback> record) {
        Thread.ofVirtual().name("callback-" + submission.id()).start(() -> send(submission, callbackUrl, record));
    }

    private void send(Submission.View submission, URI callbackUrl, Consumer<Submission.Callback> record) {
        byte[] body = json.writeValueAsBytes(submission);
        String signature = "sha256=" + sign(body);
        Duration wait = properties.backoff();
        for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
            String error;
            try {
                var post = new HttpPost(callbackUrl);
                post.setHeader(SIGNATURE_HEADER, signature);
                post.setHeader("X-Submission-Id", submission.id());
                post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
                int code = client.execute(post, response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                });
                if (code >= 200 && code < 300) {
                    record.accept(new Submission.Callback(Submission.Callback.DELIVERED, attempt, null));
                    return;
                }
                error = "the receiver answered HTTP " + code;
            } catch (IOException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            record.accept(new Submission.Callback(attempt >= properties.attempts() ? Submission.Callback.FAILED
                    : Submission.Callback.RETRYING, attempt, error));
            log.info("callback of submission {} failed (attempt {} of {}): {}", submission.id(), attempt,
                    properties.attempts(), error);
            if (attempt < properties.attempts() && !pause(wait)) {
                return;
            }
            wait = wait.multipliedBy(2);
        }
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private boolean allowed(String host) {
        return properties.allowedHosts().contains(host.toLowerCase(Locale.ROOT));
    }

    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }

    /** The addresses a connection may use: public ones, or any for a host allowed by name. */
    private final class PublicOnlyResolver implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(stripBrackets(host));
            if (allowed(host)) {
                return all;
            }
            InetAddress[] usable = Arrays.stream(all).filter(CallbackAddresses::isPublic).toArray(InetAddress[]::new);
            if (usable.length == 0) {
                throw new UnknownHostException("refused: " + host + " resolves only to loopback, private or "
                        + "link-local addresses (CALLBACK_ALLOWED_HOSTS can allow it)");
            }
            return usable;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
