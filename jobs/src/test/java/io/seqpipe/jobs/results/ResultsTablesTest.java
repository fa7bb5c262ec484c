package io.seqpipe.jobs.results;

import io.seqpipe.SeqPipeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated tables of a results document, from small records made up here: exact rows, the line of a run not
 * recorded, prose outside the markers untouched, and errors that name the file, the key or the document's line.
 */
class ResultsTablesTest {
    private static final String START = "<!-- generated (scripts/results-tables.sh): ";
    private static final String END = "<!-- end generated -->";

    @TempDir
    Path tmp;
    Path results;
    Path doc;

    @BeforeEach
    void manifest() throws IOException {
        results = Files.createDirectories(tmp.resolve("docs/results"));
        doc = tmp.resolve("docs/RESULTS.md");
        Files.writeString(results.resolve("runs.txt"), """
                # name config overrides
                ner-a     conf/conll2003.conf --set model.output=crf
                ner-b     conf/conll2003.conf
                airline   conf/airline.conf
                """);
    }

    private void nerRun(String name) throws IOException {
        Path dir = Files.createDirectories(results.resolve(name));
        Files.writeString(dir.resolve("metrics.json"), """
                {"task": "ner", "metrics": {"f1.micro": 0.8643633, "precision.micro": 0.8627624,
                 "recall.micro": 0.8659703, "token_accuracy": 0.97}}
                """);
        Files.writeString(dir.resolve("provenance.json"), """
                {"createdAt": "2026-12-05T06:41:59.537Z",
                 "build": {"gitCommit": "219827ba53dfb6f905350ab569f592f5c2faf0ac", "gitDirty": "false"},
                 "training": {"epochsRun": 3, "bestEpoch": 2, "earlyStop": "after epoch 3: no improvement",
                   "seconds": 1234.4, "examplesPerSecond": 435.2147, "sentencesPerSecond": 435.2147,
                   "trainTokens": 203621, "tokensPerSecond": 6311.4344},
                 "metrics": {"trainLoss": 0.53, "validation.entityF1": 0.9123872},
                 "history": [
                   {"epoch": 1, "examplesPerSecond": 388.356, "loss": 3.47257, "seconds": 36.155, "validation": 0.83409},
                   {"epoch": 2, "examplesPerSecond": 437.772, "loss": 1.30588, "seconds": 32.074, "validation": 0.9123872},
                   {"epoch": 3, "examplesPerSecond": 435.055, "loss": 0.73250, "seconds": 32.274, "validation": 0.88546}
                 ]}
                """);
        Files.writeString(dir.resolve("run.json"), """
                {"name": "%s", "stepSeconds": {"prepare": 15, "train": 515, "evaluate": 19}}
                """.formatted(name));
    }

    private String regenerate(String text) {
        return ResultsTablesTool.regenerate(results, doc, text);
    }

    @Test
    void tablesOfRecordedRunsAndTheLineOfARunNotRecordedWithTheProseUntouched() throws IOException {
        nerRun("ner-a");
        String text = """
                # Results

                Prose before, with a | pipe and <!-- a comment -->.

                %stable ner ner-a ner-b -->
                | stale | table |
                %s

                Prose between.

                %sepochs ner-a -->
                %s
                %sepochs ner-b -->
                old text
                %s
                Prose after.
                """.formatted(START, END, START, END, START, END);
        String expected = """
                # Results

                Prose before, with a | pipe and <!-- a comment -->.

                %stable ner ner-a ner-b -->

                | run | validation F1 (kept epoch) | F1 | P | R | kept epoch | training | throughput | wall s: prepare / train / evaluate | trained on |
                |---|---|---|---|---|---|---|---|---|---|
                | [ner-a](results/ner-a/) | 91.24 | 86.44 | 86.28 | 86.60 | 2 of 3, early stop | 1,234 s | 6,311 tokens/s, 435.2 sentences/s | 15 / 515 / 19 | 2026-12-05, 219827b |
                | ner-b | not run on today's code |  |  |  |  |  |  |  |  |

                %s

                Prose between.

                %sepochs ner-a -->

                | epoch | train loss | validation entity F1 | sentences/s | seconds |
                |---|---|---|---|---|
                | 1 | 3.4726 | 0.8341 | 388.4 | 36.2 |
                | 2 | 1.3059 | **0.9124** (kept) | 437.8 | 32.1 |
                | 3 | 0.7325 | 0.8855 | 435.1 | 32.3 |

                %s
                %sepochs ner-b -->

                ner-b: not run on today's code.

                %s
                Prose after.
                """.formatted(START, END, START, END, START, END);
        assertEquals(expected, regenerate(text));
        assertEquals(expected, regenerate(expected), "regenerating a regenerated document changes nothing");
    }

    @Test
    void forecastRunWithoutTokensOrTimingsAndADirtyBuild() throws IOException {
        Path dir = Files.createDirectories(results.resolve("airline"));
        Files.writeString(dir.resolve("metrics.json"), """
                {"task": "forecast", "metrics": {"rmse": 39.8312, "mae": 33.149, "mape": 7.1, "mase": 1.1603,
                 "naive.rmse": 102.9761, "seasonal_naive.rmse": 50.7091, "ets.rmse": 29.5104, "beats_naive": 1.0}}
                """);
        Files.writeString(dir.resolve("provenance.json"), """
                {"createdAt": "2026-12-04T10:00:00Z", "build": {"gitCommit": "7c6b910aa", "gitDirty": "true"},
                 "training": {"epochsRun": 2, "bestEpoch": 1, "earlyStop": null, "seconds": 57.2,
                   "examplesPerSecond": 172.04, "windowsPerSecond": 172.04},
                 "metrics": {"trainLoss": 0.0257, "validationRmse": 26.3712},
                 "history": [
                   {"epoch": 1, "examplesPerSecond": 170.0, "loss": 0.1, "seconds": 1.0, "validationRmse": 26.3712},
                   {"epoch": 2, "examplesPerSecond": 174.0, "loss": 0.05, "seconds": 0.94, "validationRmse": 30.0}
                 ]}
                """);
        Files.writeString(dir.resolve("run.json"), "{\"stepSeconds\": {}}");
        String text = START + "table forecast airline -->\n" + END + "\n" + START + "epochs airline -->\n" + END;
        assertEquals(START + "table forecast airline -->\n\n"
                + "| run | validation RMSE (kept epoch) | RMSE | MAE | MASE | naive RMSE | seasonal naive RMSE |"
                + " ETS RMSE | kept epoch | training | throughput | wall s: prepare / train / evaluate | trained on |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
                + "| [airline](results/airline/) | 26.37 | 39.83 | 33.15 | 1.16 | 102.98 | 50.71 | 29.51 | 1 of 2 |"
                + " 57 s |"
                + " 172.0 windows/s | not recorded | 2026-12-04, 7c6b910 + uncommitted changes |\n\n"
                + END + "\n" + START + "epochs airline -->\n\n"
                + "| epoch | train loss | validation RMSE | windows/s | seconds |\n"
                + "|---|---|---|---|---|\n"
                + "| 1 | 0.1000 | **26.37** (kept) | 170.0 | 1.0 |\n"
                + "| 2 | 0.0500 | 30.00 | 174.0 | 0.9 |\n\n"
                + END, regenerate(text));
    }

    @Test
    void aForecastRunOverSeveralSeriesGetsOneRowPerSeriesWithTheLowestRmseInBold() throws IOException {
        Path dir = Files.createDirectories(results.resolve("airline"));
        Files.writeString(dir.resolve("metrics.json"), """
                {"task": "forecast", "metrics": {"rmse": 10.0},
                 "targets": {"value": {
                   "model": {"overall": {}, "perKey": {"a": {"overall": {"rmse": 12.5}}, "b": {"overall": {"rmse": 3}}}},
                   "naive": {"overall": {}, "perKey": {"a": {"overall": {"rmse": 20}}, "b": {"overall": {"rmse": 2.25}}}},
                   "ets": {"overall": {}, "perKey": {"a": {"overall": {"rmse": 1234.5}}}}},
                  "other": {"model": {"overall": {}, "perKey": {"a": {"overall": {"rmse": 99}}}}}}}
                """);
        Files.writeString(dir.resolve("provenance.json"), """
                {"createdAt": "2026-12-04T10:00:00Z", "build": {"gitCommit": "7c6b910aa", "gitDirty": "false"},
                 "training": {"epochsRun": 1, "bestEpoch": 1, "seconds": 1, "examplesPerSecond": 1},
                 "metrics": {}, "history": []}
                """);
        Files.writeString(dir.resolve("run.json"), "{\"stepSeconds\": {}}");
        assertEquals(START + "series airline -->\n\n"
                + "| series | model RMSE | naive RMSE | ets RMSE |\n"
                + "|---|---|---|---|\n"
                + "| a | **12.50** | 20.00 | 1,234.50 |\n"
                + "| b | 3.00 | **2.25** | – |\n\n"
                + END, regenerate(START + "series airline -->\n" + END), "the first target only");
        assertEquals(START + "series ner-b -->\n\nner-b: not run on today's code.\n\n" + END,
                regenerate(START + "series ner-b -->\n" + END));
        nerRun("ner-a");
        SeqPipeException notForecast = assertThrows(SeqPipeException.class,
                () -> regenerate(START + "series ner-a -->\n" + END));
        assertTrue(notForecast.getMessage().endsWith("'series' needs a forecast run with per-series metrics; ner-a"
                + " is a ner run"), notForecast.getMessage());
    }

    @Test
    void aMalformedMetricsFileIsAnErrorNamingTheFileAndTheDocumentIsLeftAsItWas() throws IOException {
        nerRun("ner-a");
        Path metrics = results.resolve("ner-a/metrics.json");
        Files.writeString(metrics, "{\"task\": \"ner\",\n \"metrics\": {\"f1.micro\": 0.86,}\n}\n");
        String text = "prose\n" + START + "table ner ner-a -->\n" + END + "\n";
        Files.writeString(doc, text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ResultsTablesTool.run(new String[] {"--results", results.toString(), "--doc", doc.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, message);
        assertTrue(message.startsWith("results-tables: error: " + doc + " line 2: " + metrics + " is not valid JSON: ")
                && message.contains("(line 2, column "), message);
        assertEquals(text, Files.readString(doc));
    }

    @Test
    void samplesAreTheRecordedGenerationsInFileOrderEachPromptWithItsText() throws IOException {
        nerRun("ner-a");
        Files.writeString(results.resolve("ner-a/samples.jsonl"), """
                {"temperature": 0.5, "seed": 7, "prompt": "ROMEO:", "generated": "\\nWhy, what news?\\n"}
                {"temperature": 1.0, "seed": 7, "prompt": "JULIET:", "generated": " No."}
                """);
        assertEquals("prose\n" + START + "samples ner-a -->\n\n"
                + "temperature 0.5 (seed 7):\n\n```\nROMEO:\nWhy, what news?\n\n```\n\n"
                + "temperature 1 (seed 7):\n\n```\nJULIET: No.\n```\n\n" + END + "\nmore prose",
                regenerate("prose\n" + START + "samples ner-a -->\nhand-typed text\n" + END + "\nmore prose"));
        assertEquals(START + "samples airline -->\n\nairline: not run on today's code.\n\n" + END,
                regenerate(START + "samples airline -->\n" + END));

        nerRun("ner-b");
        SeqPipeException none = assertThrows(SeqPipeException.class,
                () -> regenerate("x\n" + START + "samples ner-b -->\n" + END));
        assertEquals(doc + " line 2: 'samples' needs ner-b/samples.jsonl: scripts/record-samples.sh ner-b writes it",
                none.getMessage());
        Path samples = results.resolve("ner-b/samples.jsonl");
        Files.writeString(samples, "{\"temperature\": 0.5, \"seed\": 7, \"prompt\": \"A\", \"generated\": \"b\"}\n"
                + "{\"temperature\": 0.8, \"seed\": 7, \"prompt\": \"A\"\n");
        SeqPipeException malformed = assertThrows(SeqPipeException.class,
                () -> regenerate(START + "samples ner-b -->\n" + END));
        assertTrue(malformed.getMessage().startsWith(doc + " line 1: " + samples + " line 2 is not valid JSON: "),
                malformed.getMessage());
        Files.writeString(samples, "{\"temperature\": 0.5, \"prompt\": \"A\", \"generated\": \"b\"}\n");
        assertEquals(doc + " line 1: " + samples + " has no line 1: seed", assertThrows(SeqPipeException.class,
                () -> regenerate(START + "samples ner-b -->\n" + END)).getMessage());
    }

    @Test
    void aMetricThatIsNoNumberIsAnErrorNamingTheFileAndTheKey() throws IOException {
        nerRun("ner-a");
        Path metrics = results.resolve("ner-a/metrics.json");
        Files.writeString(metrics, "{\"task\": \"ner\", \"metrics\": {\"f1.micro\": \"high\"}}");
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> regenerate(START + "table ner ner-a -->\n" + END));
        assertEquals(doc + " line 1: " + metrics + ": metrics.f1.micro must be a number, got high", e.getMessage());
    }

    @Test
    void markersNamingAnUnknownRunOrWithoutAnEndAreErrorsWithTheLine() {
        SeqPipeException unknown = assertThrows(SeqPipeException.class,
                () -> regenerate("a\n" + START + "table ner ner-a ner-c -->\n" + END));
        assertEquals(doc + " line 2: unknown run 'ner-c'; docs/results/runs.txt names [airline, ner-a, ner-b]",
                unknown.getMessage());
        SeqPipeException unclosed = assertThrows(SeqPipeException.class,
                () -> regenerate(START + "epochs ner-a -->\ntext\n" + START + "epochs ner-b -->\n" + END));
        assertEquals(doc + " line 1: generated block without '" + END
                + "' before the next block or the end of the document", unclosed.getMessage());
        SeqPipeException wrongTask = assertThrows(SeqPipeException.class,
                () -> regenerate(START + "table tagging ner-a -->\n" + END));
        assertTrue(wrongTask.getMessage().startsWith(doc + " line 1: no results table for task 'tagging'; tasks: ["),
                wrongTask.getMessage());
    }

    @Test
    void checkSaysWhetherTheDocumentIsUpToDateAndChangesNothing() throws IOException {
        nerRun("ner-a");
        String stale = "prose\n" + START + "table ner ner-a -->\n| hand-typed |\n" + END + "\n";
        Files.writeString(doc, stale);
        String[] check = {"--results", results.toString(), "--doc", doc.toString(), "--check"};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream outStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(1, ResultsTablesTool.run(check, outStream, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("differs from the records"), err.toString());
        assertEquals(stale, Files.readString(doc));
        assertEquals(0, ResultsTablesTool.run(new String[] {"--results", results.toString(), "--doc",
                doc.toString()}, outStream, errStream));
        assertEquals(0, ResultsTablesTool.run(check, outStream, errStream));
    }
}
