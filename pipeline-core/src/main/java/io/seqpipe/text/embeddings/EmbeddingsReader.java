package io.seqpipe.text.embeddings;

import io.seqpipe.SeqPipeException;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams the records of a pretrained word-vector file ({@link EmbeddingsFormat}) to a {@link Sink}, one word and
 * its vector at a time, so a caller keeps only what it needs (a large file is never held whole). Every malformed
 * record fails with a message naming the file and the 1-based line (text formats) or record number (binary): a
 * wrong number of values, a value that is not a finite number, a dimension differing from the header's, a header
 * count the file does not have.
 */
public final class EmbeddingsReader {
    /** The longest word a binary file may hold, in bytes; a longer one means the file is not word2vec binary. */
    public static final int MAX_WORD_BYTES = 10_000;
    /** The largest dimension accepted. */
    public static final int MAX_DIMENSION = 100_000;
    private static final Pattern HEADER = Pattern.compile("\\s*(\\d{1,12})\\s+(\\d{1,9})\\s*");
    private static final int MARK_LIMIT = 4 * MAX_DIMENSION * 4 + 2 * MAX_WORD_BYTES;

    /** Receives the file's records in file order. */
    @FunctionalInterface
    public interface Sink {
        /** @return whether to go on reading (false stops the read: nothing further is wanted) */
        boolean accept(String word, float[] vector);
    }

    /**
     * What a read found.
     *
     * @param format    the format read (never {@link EmbeddingsFormat#AUTO})
     * @param dimension the vectors' dimension
     * @param records   records passed to the sink
     * @param complete  whether the whole file was read (false: the sink stopped it)
     */
    public record Summary(EmbeddingsFormat format, int dimension, long records, boolean complete) {
    }

    private final String file;

    private EmbeddingsReader(String file) {
        this.file = file;
    }

    /**
     * Reads {@code in} to its end or until the sink stops; does not close it.
     *
     * @param file   names the file in error messages
     * @param format the file's format, or {@link EmbeddingsFormat#AUTO} to detect it
     */
    public static Summary read(InputStream in, String file, EmbeddingsFormat format, Sink sink) throws IOException {
        return new EmbeddingsReader(file).run(new BufferedInputStream(in, 1 << 16), format, sink);
    }

    private Summary run(BufferedInputStream in, EmbeddingsFormat format, Sink sink) throws IOException {
        in.mark(MARK_LIMIT);
        byte[] first = line(in, MARK_LIMIT - 1);
        String firstLine = first == null ? "" : new String(first, StandardCharsets.UTF_8).strip();
        Matcher header = HEADER.matcher(firstLine);
        boolean hasHeader = header.matches();
        if (format == EmbeddingsFormat.AUTO) {
            format = hasHeader ? null : EmbeddingsFormat.GLOVE;
        }
        if (format == EmbeddingsFormat.GLOVE) {
            in.reset();
            return text(in, format, -1, -1, 1, sink);
        }
        if (!hasHeader) {
            throw error("line 1: expected the word2vec header '<count> <dimension>', got '" + cut(firstLine)
                    + "' (is model.embeddings.format right? GloVe files have no header)");
        }
        long count = Long.parseLong(header.group(1));
        int dimension = Integer.parseInt(header.group(2));
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw error("line 1: the header's dimension must be in [1, " + MAX_DIMENSION + "], got " + dimension);
        }
        if (format == null) {
            format = looksLikeText(in, dimension) ? EmbeddingsFormat.WORD2VEC_TEXT : EmbeddingsFormat.WORD2VEC_BINARY;
        }
        return format == EmbeddingsFormat.WORD2VEC_TEXT ? text(in, format, count, dimension, 2, sink)
                : binary(in, count, dimension, sink);
    }

    /** Whether the first record after the header reads as a text line of a word and {@code dimension} numbers. */
    private static boolean looksLikeText(BufferedInputStream in, int dimension) throws IOException {
        in.mark(MARK_LIMIT);
        byte[] record = line(in, MARK_LIMIT - 1);
        in.reset();
        if (record == null) {
            return true; // no records: either reads the same
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(record)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        List<String> fields = fields(text);
        if (fields.size() != dimension + 1) {
            return false;
        }
        for (int i = 1; i < fields.size(); i++) {
            if (!isNumber(fields.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Summary text(InputStream in, EmbeddingsFormat format, long count, int dimension, int firstLine,
                         Sink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        long lineNumber = firstLine - 1;
        long records = 0;
        int dim = dimension;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            List<String> fields = fields(line);
            if (fields.isEmpty()) {
                continue;
            }
            String word = fields.get(0);
            int values = fields.size() - 1;
            if (dim < 0) {
                if (values < 1 || values > MAX_DIMENSION) {
                    throw error("line " + lineNumber + ": expected a word and its vector, got " + values
                            + " values after '" + cut(word) + "'");
                }
                dim = values;
            }
            if (values != dim) {
                throw error("line " + lineNumber + ": expected " + dim + " values after the word '" + cut(word)
                        + "', got " + values + (dimension > 0 ? " (the header's dimension is " + dimension + ")"
                        : " (the first line's dimension is " + dim + ")"));
            }
            if (count >= 0 && records == count) {
                throw error("line " + lineNumber + ": the header declares " + count + " words, the file has more");
            }
            float[] vector = new float[dim];
            for (int i = 0; i < dim; i++) {
                String v = fields.get(i + 1);
                float f = isNumber(v) ? Float.parseFloat(v) : Float.NaN;
                if (!Float.isFinite(f)) {
                    throw error("line " + lineNumber + ": value " + (i + 1) + " of '" + cut(word) + "' is not a"
                            + " finite number: '" + cut(v) + "'");
                }
                vector[i] = f;
            }
            records++;
            if (!sink.accept(word, vector)) {
                return new Summary(format, dim, records, false);
            }
        }
        if (count >= 0 && records != count) {
            throw error("the header declares " + count + " words, the file has " + records);
        }
        if (dim < 0) {
            throw error("no word vectors in the file");
        }
        return new Summary(format, dim, records, true);
    }

    private Summary binary(InputStream in, long count, int dimension, Sink sink) throws IOException {
        byte[] vectorBytes = new byte[4 * dimension];
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        for (long record = 1; record <= count; record++) {
            word.reset();
            int b = in.read();
            while (b == '\n' || b == '\r') {
                b = in.read();
            }
            while (b != ' ' && b != -1) {
                if (word.size() >= MAX_WORD_BYTES) {
                    throw error("record " + record + ": no space after a word within " + MAX_WORD_BYTES + " bytes"
                            + " (is model.embeddings.format right?)");
                }
                word.write(b);
                b = in.read();
            }
            if (b == -1) {
                throw error("record " + record + ": the file ends after " + (record - 1) + " of the " + count
                        + " words its header declares");
            }
            String w = word.toString(StandardCharsets.UTF_8);
            if (w.isEmpty()) {
                throw error("record " + record + ": an empty word");
            }
            readFully(in, vectorBytes, record, w);
            float[] vector = new float[dimension];
            ByteBuffer.wrap(vectorBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
            for (int i = 0; i < dimension; i++) {
                if (!Float.isFinite(vector[i])) {
                    throw error("record " + record + ": value " + (i + 1) + " of '" + cut(w) + "' is not a finite"
                            + " number (" + vector[i] + ")");
                }
            }
            if (!sink.accept(w, vector)) {
                return new Summary(EmbeddingsFormat.WORD2VEC_BINARY, dimension, record, false);
            }
        }
        return new Summary(EmbeddingsFormat.WORD2VEC_BINARY, dimension, count, true);
    }

    private void readFully(InputStream in, byte[] buffer, long record, String word) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                throw error("record " + record + ": the file ends inside the vector of '" + cut(word) + "' ("
                        + off + " of " + buffer.length + " bytes)", new EOFException());
            }
            off += n;
        }
    }

    /** The bytes up to the next {@code \n} (without it), or null at the end of the stream. */
    private static byte[] line(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b = in.read();
        if (b == -1) {
            return null;
        }
        while (b != -1 && b != '\n' && out.size() < limit) {
            out.write(b);
            b = in.read();
        }
        return out.toByteArray();
    }

    /** A line's fields, split on runs of spaces and tabs (a trailing {@code \r} or space is ignored). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /** Whether {@code s} is a decimal number as written in vector files (no hex, no NaN or Infinity words). */
    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        try {
            Float.parseFloat(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private SeqPipeException error(String what) {
        return new SeqPipeException("embeddings file " + file + ": " + what);
    }

    private SeqPipeException error(String what, Throwable cause) {
        return new SeqPipeException("embeddings file " + file + ": " + what, cause);
    }
}
