package dev.coderunner.playground;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The page holds an API key, so a script injected into it could run code as its owner: only the
 * service's own files may run, style or be fetched (no inline script, no CDN), nothing may frame
 * it, and it submits no form anywhere. {@code 'self'} in {@code connect-src} also covers the
 * WebSocket to the same host.
 */
class PageSecurityHeaders implements HandlerInterceptor {

    static final String POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        return true;
    }
}
