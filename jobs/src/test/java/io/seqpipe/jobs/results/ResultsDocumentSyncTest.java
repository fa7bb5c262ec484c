package io.seqpipe.jobs.results;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /**
     * conf/conll2003.conf as it is, is the run recorded as conll-chars-crf-decay: every setting of that record's
     * resolved config equals the configuration's today, apart from the paths (another work folder) and keys added
     * since that change no number ({@code evaluate.report}: whether report.html is written). RESULTS.md reports that
     * record as the default configuration's result.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theDefaultNerConfigurationIsTheRecordedConllCharsCrfDecayRun() throws IOException {
        io.seqpipe.jobs.CliRun printed = io.seqpipe.jobs.CliRun.of("train", "--conf", "../conf/conll2003.conf",
                "--print-config");
        assertEquals(0, printed.exitCode(), printed.err());
        Map<String, String> now = settings(ConfigFactory.parseString(printed.out()));
        Map<String, Object> provenance = io.seqpipe.io.Json.readMap(Files.readString(
                DOCS.resolve("results/conll-chars-crf-decay/provenance.json")));
        Map<String, String> recorded = settings(ConfigFactory.parseMap(
                (Map<String, ? extends Object>) provenance.get("config")));
        for (String addedSince : List.of("evaluate.report")) {
            assertTrue(now.containsKey(addedSince) && !recorded.containsKey(addedSince), addedSince);
            now.remove(addedSince);
        }
        assertEquals(recorded, now);
        assertEquals("crf", now.get("model.output"));
        assertEquals("cnn", now.get("model.chars.encoder"));
    }

    /**
     * Every set value but the paths (derived from paths.work), as strings ("20" and 20 alike); a null (the record's)
     * or {@code <unset>} (how --print-config shows one) is no setting.
     */
    private static Map<String, String> settings(Config config) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            String key = e.getKey();
            String value = String.valueOf(e.getValue().unwrapped());
            if (!key.startsWith("paths.") && !key.equals("retrain.workDir") && !key.equals("train.checkpoint.dir")
                    && !value.equals("<unset>")) {
                out.put(key, value);
            }
        }
        return out;
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
