package dev.coderunner.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiKeysTests {

    private static String sha256(String key) {
        return HexFormat.of().formatHex(ApiKeys.digest(key));
    }

    @Test
    void plainAndHashedKeysAreFoundByTheirValueAndKnownByName() {
        var keys = new ApiKeys(new KeyProperties(List.of("first", "second"), Map.of(
                "tutor", new KeyProperties.NamedKey("tutor-secret", null, 600, 8),
                "grader", new KeyProperties.NamedKey(null, sha256("grader-secret").toUpperCase(), null, 2))));

        assertThat(keys.find("first")).map(ApiKey::name).contains("default");
        assertThat(keys.find("second")).map(ApiKey::name).contains("default-2");
        assertThat(keys.find("tutor-secret")).contains(new ApiKey("tutor", 600, 8));
        assertThat(keys.find("grader-secret")).contains(new ApiKey("grader", null, 2));
        assertThat(keys.find("grader-secret ")).isEmpty();
        assertThat(keys.find(sha256("grader-secret"))).as("the digest is not the key").isEmpty();
    }

    @Test
    void startUpFailsWithoutAnyKeyOrWithAmbiguousOrDuplicateOnes() {
        assertThatThrownBy(() -> new ApiKeys(new KeyProperties(List.of(" "), Map.of())))
                .hasMessageContaining("EXECUTION_API_KEY").hasMessageContaining("API_KEYS_FILE");
        assertThatThrownBy(() -> new ApiKeys(new KeyProperties(List.of(), Map.of(
                "both", new KeyProperties.NamedKey("k", sha256("k"), null, null)))))
                .hasMessageContaining("exactly one of key or key-sha256");
        assertThatThrownBy(() -> new ApiKeys(new KeyProperties(List.of("same"), Map.of(
                "twin", new KeyProperties.NamedKey(null, sha256("same"), null, null)))))
                .hasMessageContaining("are the same key");
    }

    @Test
    void namedFindsOnlyNamedKeysByName() {
        var keys = new ApiKeys(new KeyProperties(List.of("plain"), Map.of(
                "guests", new KeyProperties.NamedKey("guests-secret", null, 60, 2))));

        assertThat(keys.named("guests")).contains(new ApiKey("guests", 60, 2));
        assertThat(keys.named("default")).as("a plain key has no quota to charge").isEmpty();
        assertThat(keys.named("nobody")).isEmpty();
    }

    @Test
    void anAnonymousAccessNamingNoNamedKeyStopsStartUp() {
        var keys = new ApiKeys(new KeyProperties(List.of("plain"), Map.of()));
        var access = new AnonymousAccess("/api/v2/", "guests", "PISTON_ANONYMOUS_KEY");

        assertThatThrownBy(() -> new ApiKeyFilter(keys, null, null, List.of(access), List.of()))
                .hasMessageContaining("PISTON_ANONYMOUS_KEY").hasMessageContaining("guests");
        assertThat(access.appliesTo("/api/v2/execute")).isTrue();
        assertThat(access.appliesTo("/execute")).isFalse();
        assertThat(new AnonymousAccess("/api/v2/", "", "PISTON_ANONYMOUS_KEY").appliesTo("/api/v2/execute")).isFalse();
    }

    @Test
    void aPublicPathCoversItselfAndWhatIsBelowItOnly() {
        var playground = new PublicPath("/playground");

        assertThat(playground.covers("/playground")).isTrue();
        assertThat(playground.covers("/playground/playground.js")).isTrue();
        assertThat(playground.covers("/playgrounds")).isFalse();
        assertThat(playground.covers("/execute")).isFalse();
        assertThatThrownBy(() -> new PublicPath("/playground/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PublicPath("playground")).isInstanceOf(IllegalArgumentException.class);
    }
}
