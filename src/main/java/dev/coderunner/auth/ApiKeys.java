package dev.coderunner.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Finds the key a request presented. Keys are held as SHA-256 digests and every configured digest
 * is compared, in constant time, whatever matches: neither the content nor the length of a key, nor
 * whether a presented key is unknown or merely wrong, shows through response timing.
 */
@Component
public class ApiKeys {

    /** {@code named}: from the named keys, not one of EXECUTION_API_KEY's. */
    private record Entry(byte[] digest, ApiKey key, boolean named) {
    }

    private final List<Entry> entries;

    public ApiKeys(KeyProperties properties) {
        var entries = new ArrayList<Entry>();
        int index = 0;
        for (String key : properties.apiKeys()) {
            index++;
            entries.add(new Entry(digest(key), new ApiKey(index == 1 ? "default" : "default-" + index, null, null), false));
        }
        properties.keys().forEach((name, named) -> entries.add(new Entry(digestOf(name, named),
                new ApiKey(name, named.requestsPerMinute(), named.maxConcurrentRuns()), true)));
        if (entries.isEmpty()) {
            throw new IllegalStateException("no API key is configured: set EXECUTION_API_KEY in the environment or in .env "
                    + "(scripts/start.sh generates one on first use), or name keys in the file API_KEYS_FILE points to");
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                if (MessageDigest.isEqual(entries.get(i).digest(), entries.get(j).digest())) {
                    throw new IllegalStateException("API keys " + entries.get(i).key().name() + " and "
                            + entries.get(j).key().name() + " are the same key");
                }
            }
        }
        this.entries = List.copyOf(entries);
    }

    private static byte[] digestOf(String name, KeyProperties.NamedKey named) {
        boolean plain = named.key() != null && !named.key().isBlank();
        boolean hashed = named.keySha256() != null && !named.keySha256().isBlank();
        if (plain == hashed) {
            throw new IllegalStateException("API key " + name + " (code-runner.api.keys." + name + ") needs exactly one of "
                    + "key or key-sha256");
        }
        return plain ? digest(named.key().strip()) : HexFormat.of().parseHex(named.keySha256().toLowerCase());
    }

    /** The key a caller presented, if it is one of ours. */
    public Optional<ApiKey> find(String presented) {
        byte[] digest = digest(presented);
        ApiKey found = null;
        for (Entry entry : entries) {
            // No early exit: every comparison is made, whichever matches.
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.key();
            }
        }
        return Optional.ofNullable(found);
    }

    /** One of the named keys, by its name. */
    public Optional<ApiKey> named(String name) {
        return entries.stream().filter(entry -> entry.named() && entry.key().name().equals(name))
                .map(Entry::key).findFirst();
    }

    public List<ApiKey> all() {
        return entries.stream().map(Entry::key).toList();
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
