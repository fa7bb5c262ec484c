package io.seqpipe.jobs.results;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
