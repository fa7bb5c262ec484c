package io.seqpipe.jobs;

import io.seqpipe.io.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notebooks as committed (no Python needed): one per task, each saved with its outputs and plots
 * ({@code scripts/run-notebooks.sh}), reading its run from {@code SEQPIPE_WORK}, and naming no path of the machine
 * that ran it. The end-to-end tests execute them against fresh runs ({@link NotebookExecution}).
 */
class SavedNotebooksTest {
    static final List<String> NOTEBOOKS = List.of("forecast-results.ipynb", "lm-results.ipynb",
            "sentiment-results.ipynb", "tagging-results.ipynb", "translation-results.ipynb");
    static final Pattern MACHINE_PATH = Pattern.compile("(file:|hdfs://|\\s|\")(/(home|root|tmp|work|Users|var)/)");

    @Test
    void everyTaskHasOneNotebook() throws IOException {
        try (Stream<Path> files = Files.list(NotebookExecution.NOTEBOOKS)) {
            assertEquals(NOTEBOOKS, files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb"))
                    .sorted().toList());
        }
    }

    @Test
    void eachIsSavedWithItsOutputsAndPlotsAndNoMachinePath() throws IOException {
        for (String name : NOTEBOOKS) {
            String text = Files.readString(NotebookExecution.NOTEBOOKS.resolve(name), StandardCharsets.UTF_8);
            Map<String, Object> nb = Json.readMap(text);
            NotebookExecution.assertRanAndDrew(name, nb);
            assertTrue(text.contains("\"image/png\""), name + " is saved without plots");
            assertTrue(text.contains("run.work_dir("), name + " does not read its run from SEQPIPE_WORK");
            Matcher m = MACHINE_PATH.matcher(text);
            if (m.find()) {
                throw new AssertionError(name + " names a path of the machine that ran it: "
                        + text.substring(Math.max(0, m.start() - 80), Math.min(text.length(), m.end() + 80)));
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cells = (List<Map<String, Object>>) nb.get("cells");
            for (Map<String, Object> c : cells) {
                if ("code".equals(c.get("cell_type"))) {
                    assertTrue(c.get("execution_count") instanceof Number, name + ": a cell was not run: "
                            + c.get("source"));
                }
            }
        }
    }
}
