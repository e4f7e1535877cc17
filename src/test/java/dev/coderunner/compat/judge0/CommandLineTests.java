package dev.coderunner.compat.judge0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTests {

    @Test
    void wordsAreSplitOnWhitespaceAsBashWould() {
        assertThat(CommandLine.split("  a  b\tc\n d ")).containsExactly("a", "b", "c", "d");
        assertThat(CommandLine.split(null)).isEmpty();
        assertThat(CommandLine.split("   ")).isEmpty();
    }

    @Test
    void quotesKeepSpacesAndJoinAdjacentParts() {
        assertThat(CommandLine.split("'a b' \"c d\" e'f g'h \"\" ''")).containsExactly("a b", "c d", "ef gh", "", "");
        assertThat(CommandLine.split("\"say \\\"hi\\\" \\\\ \\n\"")).containsExactly("say \"hi\" \\ \\n");
        assertThat(CommandLine.split("'no \\escape'")).containsExactly("no \\escape");
    }

    @Test
    void backslashEscapesTheNextCharacterOutsideQuotes() {
        assertThat(CommandLine.split("a\\ b c\\'d")).containsExactly("a b", "c'd");
    }

    @Test
    void theCharactersJudge0DeletesAreDeletedBeforeSplitting() {
        assertThat(CommandLine.split("$HOME a;b c|d `e` <f> g&h")).containsExactly("HOME", "ab", "cd", "e", "f", "gh");
    }

    @Test
    void anUnterminatedQuoteIsRefused() {
        assertThatThrownBy(() -> CommandLine.split("'open")).isInstanceOf(CommandLine.UnterminatedQuoteException.class);
        assertThatThrownBy(() -> CommandLine.split("\"open")).isInstanceOf(CommandLine.UnterminatedQuoteException.class);
    }
}
