package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Utf8StreamTests {

    private final Utf8Stream stream = new Utf8Stream();

    @Test
    void aCharacterSplitAcrossChunksIsDecodedWhenItsLastByteArrives() {
        assertThat(stream.decode(new byte[] {'c', 'a', 'f', (byte) 0xc3})).isEqualTo("caf");
        assertThat(stream.decode(new byte[] {(byte) 0xa9, '!'})).isEqualTo("é!");
    }

    @Test
    void invalidBytesAreReplacedAndAnUnfinishedCharacterAtTheEndToo() {
        assertThat(stream.decode(new byte[] {'a', (byte) 0xff, 'b'})).isEqualTo("a\uFFFDb");
        assertThat(stream.decode(new byte[] {(byte) 0xe2, (byte) 0x82})).isEmpty();
        assertThat(stream.finish()).isEqualTo("\uFFFD");
        assertThat(stream.decode(new byte[] {'z'})).isEqualTo("z");
    }
}
