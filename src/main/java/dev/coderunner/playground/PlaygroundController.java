package dev.coderunner.playground;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
@ConditionalOnBooleanProperty(name = PlaygroundConfiguration.ENABLED, matchIfMissing = true)
class PlaygroundController {

    private static final Resource PAGE = new ClassPathResource("playground/index.html");
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    @GetMapping(PlaygroundConfiguration.PATH)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noCache()).body(PAGE);
    }

    /**
     * The page names its files and the API relative to {@code /playground} (so it also works behind
     * a proxy that adds a path prefix); from {@code /playground/} every one of them would miss.
     */
    @GetMapping(PlaygroundConfiguration.PATH + "/")
    ResponseEntity<Void> withTrailingSlash() {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).header(HttpHeaders.LOCATION, "../playground").build();
    }
}
