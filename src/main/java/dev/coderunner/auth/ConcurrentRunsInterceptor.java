package dev.coderunner.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Holds a request to a {@link RunsCode} handler to its key's concurrent runs for as long as it is
 * being answered (queued or running): one over the quota is refused at once.
 */
@Component
class ConcurrentRunsInterceptor implements HandlerInterceptor {

    private static final String RELEASE = ConcurrentRunsInterceptor.class.getName() + ".release";

    private final KeyQuotas quotas;

    ConcurrentRunsInterceptor(KeyQuotas quotas) {
        this.quotas = quotas;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(RunsCode.class)
                || !(request.getAttribute(ApiKey.ATTRIBUTE) instanceof ApiKey key)) {
            return true;
        }
        Runnable release = quotas.startRun(key);
        if (release == null) {
            throw new TooManyConcurrentRunsException(key);
        }
        request.setAttribute(RELEASE, release);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(RELEASE) instanceof Runnable release) {
            release.run();
        }
    }
}
