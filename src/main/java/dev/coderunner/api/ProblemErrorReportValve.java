package dev.coderunner.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's own error answers (a request it refuses before the application sees it: headers too
 * large, a malformed request line) as problem details like every other error, instead of Tomcat's
 * HTML page, and logged in one line without a stack trace.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemType type = status == 431 ? ProblemType.HEADERS_TOO_LARGE
                : status >= 500 ? ProblemType.INTERNAL : ProblemType.forStatus(status);
        String detail = type == ProblemType.INTERNAL ? "the service failed to read the request"
                : "the request could not be read (" + status + "): check the request line, headers and their size";
        log.info("Refused a request before it reached the service: HTTP {} {}", status,
                throwable == null ? "" : throwable.getClass().getSimpleName());
        String json = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException clientGone) {
            // Nothing more can be said to this client.
        }
    }
}
