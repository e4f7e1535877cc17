package dev.coderunner.auth;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.coderunner.api.ProblemType;
import dev.coderunner.api.ProblemWriter;

/**
 * Admits a request with a known key, in {@code X-API-Key}, {@code X-Auth-Token} (Judge0's header)
 * or as {@code Authorization: Bearer}, on every endpoint but the public ones, then holds it to its
 * key's rate. A request with no key at all, on a path an {@link AnonymousAccess} covers, is charged
 * to the named key it names. A key in the query
 * string is never looked at: URLs end up in logs and proxies. The key's name (never its value)
 * goes with the request, for logs, metrics and the audit trail.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    /** Judge0's header, so its clients need no change. */
    static final String AUTH_TOKEN_HEADER = "X-Auth-Token";
    private static final String BEARER = "Bearer ";
    /** Answered to anyone: probes and the API's own description (features add theirs as {@link PublicPath}s). */
    private static final Set<String> PUBLIC = Set.of("/livez", "/readyz", "/v3/api-docs", "/swagger-ui.html");
    private static final Set<String> PUBLIC_PREFIXES = Set.of("/v3/api-docs/", "/swagger-ui/");
    /**
     * Let through without a key: /health answers anyone, in more detail a caller with a valid key;
     * /ws/execute, because a browser cannot set headers on a WebSocket, takes it in its first message.
     */
    private static final Set<String> KEY_OPTIONAL = Set.of("/health", "/ws/execute");

    private final ApiKeys keys;
    private final KeyQuotas quotas;
    private final ProblemWriter problems;
    private final List<AnonymousAccess> anonymous;
    private final List<PublicPath> publicPaths;

    ApiKeyFilter(ApiKeys keys, KeyQuotas quotas, ProblemWriter problems, List<AnonymousAccess> anonymous,
                 List<PublicPath> publicPaths) {
        this.keys = keys;
        this.quotas = quotas;
        this.problems = problems;
        this.anonymous = List.copyOf(anonymous);
        this.publicPaths = List.copyOf(publicPaths);
        for (AnonymousAccess access : this.anonymous) {
            if (!access.keyName().isBlank() && keys.named(access.keyName()).isEmpty()) {
                throw new IllegalStateException(access.setting() + " names the key '" + access.keyName()
                        + "', which is not one of the named keys (API_KEYS_FILE)");
            }
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return both(request, path -> PUBLIC.contains(path) || PUBLIC_PREFIXES.stream().anyMatch(path::startsWith)
                || publicPaths.stream().anyMatch(publicPath -> publicPath.covers(path)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presented(request);
        var key = presented == null ? anonymousKey(request) : keys.find(presented);
        if (key.isEmpty() && both(request, KEY_OPTIONAL::contains)) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer, ApiKey header=\"" + HEADER + "\"");
            problems.write(response, ProblemType.UNAUTHORIZED.problem(presented == null
                    ? "send your API key in the " + HEADER + " header or as Authorization: Bearer <key>"
                    : "the API key is not valid"));
            return;
        }
        var rate = quotas.take(key.get());
        if (rate != null) {
            String policy = "\"" + key.get().name() + "\";q=" + rate.limit() + ";w=60";
            response.setHeader("RateLimit-Policy", policy);
            response.setHeader("RateLimit", "\"" + key.get().name() + "\";r=" + rate.remaining() + ";t=" + rate.resetSeconds());
            if (!rate.allowed()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(rate.retryAfterSeconds()));
                problems.write(response, ProblemType.RATE_LIMITED.problem("key " + key.get().name() + " is over its "
                        + rate.limit() + " requests per minute; retry in " + rate.retryAfterSeconds() + "s"));
                return;
            }
        }
        request.setAttribute(ApiKey.ATTRIBUTE, key.get());
        MDC.put("key", key.get().name());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("key");
        }
    }

    /**
     * Whether a path rule holds for the URI as sent and as the container decodes and normalises it:
     * a rule met by only one ({@code /v3/api-docs/../../execute}) opens nothing, whichever of the
     * two the request is then dispatched by.
     */
    private static boolean both(HttpServletRequest request, Predicate<String> rule) {
        String pathInfo = request.getPathInfo();
        String normalised = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
        return rule.test(request.getRequestURI()) && rule.test(normalised);
    }

    private Optional<ApiKey> anonymousKey(HttpServletRequest request) {
        return anonymous.stream().filter(access -> both(request, access::appliesTo)).findFirst()
                .flatMap(access -> keys.named(access.keyName()));
    }

    /** The key in X-API-Key or X-Auth-Token, else in an Authorization: Bearer header; null when there is none. */
    private static String presented(HttpServletRequest request) {
        for (String name : List.of(HEADER, AUTH_TOKEN_HEADER)) {
            String header = request.getHeader(name);
            if (header != null) {
                return header;
            }
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).strip();
        }
        return null;
    }
}
