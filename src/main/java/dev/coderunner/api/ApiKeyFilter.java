package dev.coderunner.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires a configured key in the {@code X-API-Key} header on every endpoint but health. Keys are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, so neither a key's content nor its
 * length leaks through response timing. A key in the query string is never looked at: URLs end up
 * in logs and proxies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final List<byte[]> keyDigests;
    private final ProblemWriter problems;

    ApiKeyFilter(ApiProperties properties, ProblemWriter problems) {
        this.keyDigests = properties.apiKeys().stream().map(ApiKeyFilter::digest).toList();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "/health".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented == null || !accepted(digest(presented))) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
            problems.write(response, ProblemType.UNAUTHORIZED.problem(presented == null
                    ? "send your API key in the " + HEADER + " header"
                    : "the API key in the " + HEADER + " header is not valid"));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean accepted(byte[] presented) {
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(key, presented);
        }
        return match;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
