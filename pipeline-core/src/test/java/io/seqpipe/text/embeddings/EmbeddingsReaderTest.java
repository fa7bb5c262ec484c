package io.seqpipe.text.embeddings;

import io.seqpipe.SeqPipeException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingsReaderTest {
    static final String TEXT = "3 2\nthe 0.5 -1.25\nParis 1e-1 2\ncat -0.0 3.5 \n";
    static final String GLOVE = "the 0.5 -1.25\r\nParis 1e-1 2\r\ncat -0.0 3.5\r\n";

    /** A word2vec binary file of these records (each vector followed by a newline, as word2vec writes it). */
    static byte[] binary(Map<String, float[]> records, int dim, boolean newline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((records.size() + " " + dim + "\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, float[]> e : records.entrySet()) {
            out.write((e.getKey() + " ").getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(4 * e.getValue().length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : e.getValue()) {
                b.putFloat(f);
            }
            out.write(b.array());
            if (newline) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    static Map<String, float[]> records() {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("the", new float[]{0.5f, -1.25f});
        m.put("Paris", new float[]{0.1f, 2f});
        m.put("cat", new float[]{-0f, 3.5f});
        return m;
    }

    record Read(EmbeddingsReader.Summary summary, Map<String, float[]> vectors) {
    }

    static Read read(byte[] bytes, EmbeddingsFormat format) throws IOException {
        Map<String, float[]> out = new LinkedHashMap<>();
        EmbeddingsReader.Summary s = EmbeddingsReader.read(new ByteArrayInputStream(bytes), "vectors.txt", format,
                (w, v) -> {
                    out.put(w, v);
                    return true;
                });
        return new Read(s, out);
    }

    static void assertTheThreeWords(Read r) {
        assertEquals(List.of("the", "Paris", "cat"), List.copyOf(r.vectors().keySet()));
        assertArrayEquals(new float[]{0.5f, -1.25f}, r.vectors().get("the"));
        assertArrayEquals(new float[]{0.1f, 2f}, r.vectors().get("Paris"));
        assertArrayEquals(new float[]{-0f, 3.5f}, r.vectors().get("cat"));
        assertEquals(2, r.summary().dimension());
        assertEquals(3, r.summary().records());
        assertTrue(r.summary().complete());
    }

    @Test
    void readsEachFormatDeclaredOrDetected() throws IOException {
        byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] glove = GLOVE.getBytes(StandardCharsets.UTF_8);
        for (boolean newline : new boolean[]{true, false}) {
            byte[] bin = binary(records(), 2, newline);
            assertTheThreeWords(read(bin, EmbeddingsFormat.WORD2VEC_BINARY));
            Read detected = read(bin, EmbeddingsFormat.AUTO);
            assertTheThreeWords(detected);
            assertEquals(EmbeddingsFormat.WORD2VEC_BINARY, detected.summary().format());
        }
        assertTheThreeWords(read(text, EmbeddingsFormat.WORD2VEC_TEXT));
        assertEquals(EmbeddingsFormat.WORD2VEC_TEXT, read(text, EmbeddingsFormat.AUTO).summary().format());
        assertTheThreeWords(read(glove, EmbeddingsFormat.GLOVE));
        assertEquals(EmbeddingsFormat.GLOVE, read(glove, EmbeddingsFormat.AUTO).summary().format());
    }

    @Test
    void aSinkThatWantsNoMoreStopsTheRead() throws IOException {
        int[] seen = {0};
        EmbeddingsReader.Summary s = EmbeddingsReader.read(new ByteArrayInputStream(binary(records(), 2, true)), "v",
                EmbeddingsFormat.AUTO, (w, v) -> ++seen[0] < 2);
        assertEquals(2, seen[0]);
        assertEquals(2, s.records());
        assertFalse(s.complete());
    }

    static String error(String content, EmbeddingsFormat format) {
        return assertThrows(SeqPipeException.class,
                () -> read(content.getBytes(StandardCharsets.UTF_8), format)).getMessage();
    }

    @Test
    void aMalformedLineFailsNamingTheFileAndItsLine() {
        assertEquals("embeddings file vectors.txt: line 3: expected 2 values after the word 'Paris', got 1 (the"
                + " header's dimension is 2)", error("3 2\nthe 0.5 -1.25\nParis 0.1\ncat 0 1\n",
                EmbeddingsFormat.WORD2VEC_TEXT));
        assertEquals("embeddings file vectors.txt: line 2: value 2 of 'Paris' is not a finite number: 'x2'",
                error("the 0.5 -1.25\nParis 0.1 x2\n", EmbeddingsFormat.GLOVE));
        assertEquals("embeddings file vectors.txt: line 3: value 1 of 'cat' is not a finite number: 'NaN'",
                error("the 0.5 -1.25\n\ncat NaN 1\n", EmbeddingsFormat.AUTO));
        // GloVe's dimension is its first line's
        assertEquals("embeddings file vectors.txt: line 2: expected 2 values after the word 'cat', got 3 (the first"
                + " line's dimension is 2)", error("the 0.5 -1.25\ncat 1 2 3\n", EmbeddingsFormat.GLOVE));
        // the text header's dimension differs from the vectors'
        assertEquals("embeddings file vectors.txt: line 2: expected 3 values after the word 'the', got 2 (the"
                + " header's dimension is 3)", error("1 3\nthe 0.5 -1.25\n", EmbeddingsFormat.WORD2VEC_TEXT));
        assertEquals("embeddings file vectors.txt: the header declares 3 words, the file has 2",
                error("3 2\nthe 0.5 -1.25\ncat 0 1\n", EmbeddingsFormat.AUTO));
        assertEquals("embeddings file vectors.txt: line 1: expected the word2vec header '<count> <dimension>', got"
                + " 'the 0.5 -1.25' (is model.embeddings.format right? GloVe files have no header)",
                error("the 0.5 -1.25\n", EmbeddingsFormat.WORD2VEC_TEXT));
    }

    @Test
    void aCutBinaryFileFailsNamingTheRecord() throws IOException {
        byte[] whole = binary(records(), 2, true);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 6);
        String message = assertThrows(SeqPipeException.class,
                () -> read(cut, EmbeddingsFormat.WORD2VEC_BINARY)).getMessage();
        assertEquals("embeddings file vectors.txt: record 3: the file ends inside the vector of 'cat' (3 of 8 bytes)",
                message);
        byte[] fewer = binary(records(), 2, true);
        fewer[0] = '4'; // the header declares 4 words
        assertEquals("embeddings file vectors.txt: record 4: the file ends after 3 of the 4 words its header declares",
                assertThrows(SeqPipeException.class, () -> read(fewer, EmbeddingsFormat.AUTO)).getMessage());
    }
}
