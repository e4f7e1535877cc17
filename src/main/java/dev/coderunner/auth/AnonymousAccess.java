package dev.coderunner.auth;

/**
 * Lets callers that cannot send a header use part of the API as one of the named keys, with that
 * key's rate limit and concurrency quota. Foreign APIs whose clients send no credentials (Piston's)
 * contribute one; without any, every request needs a key.
 *
 * @param pathPrefix  the paths it applies to, e.g. {@code /api/v2/}
 * @param keyName     the named key charged, or blank for none (such calls then get 401)
 * @param setting     the setting that names the key, for the start-up error when there is no such key
 */
public record AnonymousAccess(String pathPrefix, String keyName, String setting) {

    boolean appliesTo(String path) {
        return keyName != null && !keyName.isBlank() && path.startsWith(pathPrefix);
    }
}
