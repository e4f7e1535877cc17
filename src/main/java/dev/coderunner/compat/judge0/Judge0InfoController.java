package dev.coderunner.compat.judge0;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Judge0's languages, statuses, about and config_info, with our languages, versions and ceilings. */
@RestController
@RequestMapping(path = "/judge0", produces = MediaType.APPLICATION_JSON_VALUE)
class Judge0InfoController {

    private final Judge0Languages languages;
    private final Judge0Configuration configuration;

    Judge0InfoController(Judge0Languages languages, Judge0Configuration configuration) {
        this.languages = languages;
        this.configuration = configuration;
    }

    @GetMapping("/languages")
    List<Judge0View.LanguageView> languages() {
        return languages.active().stream()
                .sorted(java.util.Comparator.comparing(languages::name))
                .map(found -> new Judge0View.LanguageView(found.id().id(), languages.name(found)))
                .toList();
    }

    @GetMapping("/languages/{id}")
    ResponseEntity<Map<String, Object>> language(@PathVariable String id) {
        var found = id.matches("\\d{1,9}") ? languages.find(Integer.parseInt(id)) : java.util.Optional.<Judge0Languages.Resolved>empty();
        if (found.isEmpty()) {
            var body = new LinkedHashMap<String, Object>();
            body.put("status", 404);
            body.put("error", "Not Found");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
        }
        var language = found.get().language();
        String entry = language.sourceFile();
        var body = new LinkedHashMap<String, Object>();
        body.put("id", found.get().id().id());
        body.put("name", languages.name(found.get()));
        body.put("is_archived", found.get().id().archived());
        body.put("source_file", entry);
        body.put("compile_cmd", language.compiled() ? String.join(" ", language.compileCommand(entry)) : null);
        body.put("run_cmd", String.join(" ", language.runCommand(entry)));
        return ResponseEntity.ok(body);
    }

    @GetMapping("/statuses")
    List<Judge0Table.Status> statuses() {
        return languages.table().statuses();
    }

    @GetMapping("/about")
    Map<String, Object> about() {
        var body = new LinkedHashMap<String, Object>();
        body.put("version", Judge0Configuration.API_VERSION);
        body.put("homepage", null);
        body.put("source_code", null);
        body.put("maintainer", null);
        return body;
    }

    @GetMapping("/config_info")
    Map<String, Object> configInfo() {
        return configuration.info();
    }
}
