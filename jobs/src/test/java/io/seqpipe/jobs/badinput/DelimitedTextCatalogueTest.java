package io.seqpipe.jobs.badinput;

import io.seqpipe.io.Json;
import io.seqpipe.jobs.CliRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad delimited text (sentiment {@code prepare} through the real CLI), one fixture under
 * {@code bad-input/csv/<kind>/} per kind: exit code, the one-line reason or the counts (read = written + rejected),
 * and each reject's file and 1-based line number.
 */
@Tag("spark")
class DelimitedTextCatalogueTest {
    private static final Path FIXTURES = Path.of("src/test/resources/bad-input/csv");

    @TempDir
    Path work;

    /** Files of one directory with their columns in different orders: each file is mapped by its own header. */
    @Test
    void filesWithDifferentHeadersAreMappedPerFile() throws IOException {
        CliRun r = prepare(FIXTURES.resolve("mixed-headers"));
        assertEquals(0, r.exitCode(), r.err());
        assertCounts(5, 4, 1);
        // b.tsv has "label<TAB>sentence": its texts are not labels
        assertEquals(List.of("neg", "pos"), Files.readAllLines(work.resolve("prepared/labels.txt")));
        assertEquals(List.of("b.tsv:3:wrong_column_count"), rejects());
    }

    /** A file whose header lacks a configured column fails naming that file, even when it is not the first. */
    @Test
    void aFileWhoseHeaderLacksTheTextColumnIsAnErrorNamingIt() {
        CliRun r = prepare(FIXTURES.resolve("header-missing-column"));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.reason().startsWith("seqpipe: error: column 'sentence' (textColumn) is not in the header of "),
                r.reason());
        assertTrue(r.reason().contains("header-missing-column/b.tsv; the header has [text, label]"), r.reason());
    }

    /**
     * RFC 4180 CSV: a quoted field spanning two lines is one record, {@code ""} is a quote; a row with too many
     * columns and a quote never closed are rejects at their own line numbers.
     */
    @Test
    void quotedFieldsSpanningLinesAreOneRecord() throws IOException {
        CliRun r = prepare(FIXTURES.resolve("multiline-quoted/train.csv"), "input.delimiter=\",\"",
                "input.quote=\"\\\"\"");
        assertEquals(0, r.exitCode(), r.err());
        assertCounts(7, 5, 2);
        assertEquals(List.of("train.csv:7:wrong_column_count", "train.csv:9:unbalanced_quote"), rejects());
        List<String> vocabulary = Files.readAllLines(work.resolve("prepared/vocabulary.txt"));
        // the field's second line is text of the record, and "" is one quote
        assertTrue(vocabulary.containsAll(List.of("spans", "lines", "\"wow\"")), vocabulary.toString());
    }

    /** The same CSV gzip-compressed: read decompressed, with the same records, rejects and line numbers. */
    @Test
    void aGzippedCsvWithQuotedFieldsSpanningLinesReadsLikeThePlainOne() throws IOException {
        Path gz = Files.createDirectories(work.resolve("input")).resolve("train.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(FIXTURES.resolve("multiline-quoted/train.csv")));
        }
        CliRun r = prepare(gz, "input.delimiter=\",\"", "input.quote=\"\\\"\"");
        assertEquals(0, r.exitCode(), r.err());
        assertCounts(7, 5, 2);
        assertEquals(List.of("train.csv.gz:7:wrong_column_count", "train.csv.gz:9:unbalanced_quote"), rejects());
    }

    private CliRun prepare(Path train, String... sets) {
        return PrepareRun.prepare(work, "sentiment", "paths.train", train, sets);
    }

    private void assertCounts(long read, long written, long rejected) {
        PrepareRun.assertTrainCounts(work, read, written, rejected);
    }

    /** Each reject as {@code <file name>:<offset>:<reason>}, sorted. */
    private List<String> rejects() {
        return PrepareRun.rejectLines(work).stream().map(line -> {
            Map<String, Object> reject = Json.readMap(line);
            String source = (String) reject.get("source");
            return source.substring(source.lastIndexOf('/') + 1) + ":" + reject.get("offset") + ":"
                    + reject.get("reason");
        }).sorted().toList();
    }

}
