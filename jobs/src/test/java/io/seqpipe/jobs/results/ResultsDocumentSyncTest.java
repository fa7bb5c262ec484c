package io.seqpipe.jobs.results;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/RESULTS.md's generated tables are exactly what scripts/results-tables.sh writes from the committed records in
 * docs/results/: a table edited by hand, or a record changed without regenerating, fails here.
 */
class ResultsDocumentSyncTest {
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void resultsDocumentMatchesTheRecordedRuns() throws IOException {
        Path doc = DOCS.resolve("RESULTS.md");
        String committed = Files.readString(doc);
        assertTrue(committed.contains("<!-- generated (scripts/results-tables.sh): table "),
                "docs/RESULTS.md has no generated table");
        assertEquals(committed, ResultsTablesTool.regenerate(DOCS.resolve("results"), doc, committed),
                "docs/RESULTS.md differs from docs/results/: run scripts/results-tables.sh");
    }

    @Test
    void everyRunOfTheManifestHasATableAndAConfigThatExists() throws IOException {
        String marker = "<!-- generated (scripts/results-tables.sh): table ";
        Set<String> shown = new HashSet<>();
        for (String line : Files.readAllLines(DOCS.resolve("RESULTS.md"))) {
            if (line.startsWith(marker)) {
                String[] words = line.substring(marker.length(), line.length() - " -->".length()).split(" ");
                shown.addAll(Arrays.asList(words).subList(1, words.length));
            }
        }
        for (String line : Files.readAllLines(DOCS.resolve("results/runs.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.trim().split("\\s+");
            assertTrue(shown.contains(words[0]), "no table in docs/RESULTS.md shows run " + words[0]);
            assertTrue(Files.isRegularFile(DOCS.resolveSibling(words[1])), words[0] + ": no config " + words[1]);
        }
    }

    /** Committed records name no path of the machine they ran on (scripts/reproduce-results.sh makes them relative). */
    @Test
    void recordsHoldNoAbsolutePaths() throws IOException {
        java.util.regex.Pattern absolute = java.util.regex.Pattern.compile("\"(file:)?/[^\"]*\"");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DOCS.resolve("results"))) {
            files = walk.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertTrue(files.size() > 10, "records found: " + files.size());
        for (Path f : files) {
            java.util.regex.Matcher m = absolute.matcher(Files.readString(f));
            assertFalse(m.find(), f + " names an absolute path: " + (m.find(0) ? m.group() : ""));
        }
    }
}
