package dev.coderunner.auth;

/**
 * A path, and every path below it, answered to anyone without a key: pages a browser must load
 * before it can hold one (the playground's). A feature that serves such pages contributes one;
 * whatever those pages then call still needs a key.
 *
 * @param path e.g. {@code /playground}: covers {@code /playground} and {@code /playground/…}, not {@code /playgrounds}
 */
public record PublicPath(String path) {

    public PublicPath {
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("a public path starts with / and does not end with one: " + path);
        }
    }

    boolean covers(String candidate) {
        return candidate.equals(path) || candidate.startsWith(path + "/");
    }
}
