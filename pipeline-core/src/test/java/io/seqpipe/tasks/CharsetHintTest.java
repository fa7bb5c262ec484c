package io.seqpipe.tasks;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CharsetHintTest {

    @Test
    void namesTheCharsetAndSuggestsTheTasksCharsetKey() {
        CharsetHint hint = CharsetHint.of("UTF-8", "input.charset", List.of(
                SplitCounts.of("a", Map.of(SplitCounts.WRITTEN, 5L, "undecodable_bytes", 2L, "empty_text", 1L)),
                SplitCounts.of("b", Map.of(SplitCounts.WRITTEN, 5L, "undecodable_bytes", 1L))));
        assertEquals(3, hint.undecodableLines());
        assertEquals("charset: 3 rejected as undecodable_bytes: the bytes are not valid UTF-8, the charset the input"
                + " was read with; if the files use another encoding, set input.charset (e.g. --set"
                + " input.charset=windows-1252 or ISO-8859-1)", hint.describe());
    }

    @Test
    void aTaskWithOneFixedCharsetSaysToConvertTheFiles() {
        CharsetHint hint = CharsetHint.of("UTF-8", null, Map.of("undecodable_bytes", 1L));
        assertEquals("1 rejected as undecodable_bytes: the bytes are not valid UTF-8, the charset the input was read"
                + " with; this task reads UTF-8 only: convert the files first (e.g. iconv -f windows-1252 -t UTF-8)",
                hint.message());
    }

    @Test
    void noUndecodableRejectsNoHint() {
        assertNull(CharsetHint.of("UTF-8", "input.charset", List.of(
                SplitCounts.of("a", Map.of(SplitCounts.WRITTEN, 5L, "empty_text", 1L)))));
        assertNull(CharsetHint.of("UTF-8", null, 0));
    }
}
