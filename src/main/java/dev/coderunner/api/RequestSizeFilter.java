package dev.coderunner.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413: at once when Content-Length says so,
 * and while reading when the body is chunked, so an oversized body is never buffered whole. A body
 * that takes longer than the body timeout to arrive, however it trickles, is refused with 408
 * before anything runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long bodyTimeoutNanos;
    private final ProblemWriter problems;

    RequestSizeFilter(ApiProperties properties, ProblemWriter problems) {
        this.maxBytes = properties.maxRequestSize().toBytes();
        this.bodyTimeoutNanos = properties.bodyTimeout().toNanos();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close");
            problems.write(response, ProblemType.PAYLOAD_TOO_LARGE.problem(tooLarge()));
            return;
        }
        chain.doFilter(new BoundedRequest(request), response);
    }

    private String tooLarge() {
        return "the request body is larger than the limit of " + maxBytes + " bytes";
    }

    /** Thrown while reading a body that passes the limit; mapped to 413 by {@link ProblemAdvice}. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }

    /** Thrown while reading a body that has taken too long; mapped to 408 by {@link ProblemAdvice}. */
    static final class BodyTooSlowException extends IOException {
        BodyTooSlowException(String message) {
            super(message);
        }
    }

    private final class BoundedRequest extends HttpServletRequestWrapper {

        private ServletInputStream bounded;

        BoundedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                bounded = new BoundedInputStream(super.getInputStream());
            }
            return bounded;
        }
    }

    private final class BoundedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long deadline = System.nanoTime() + bodyTimeoutNanos;
        private long read;

        BoundedInputStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(tooLarge());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new BodyTooSlowException("the request body took longer than "
                        + java.time.Duration.ofNanos(bodyTimeoutNanos).toSeconds() + "s to arrive");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
