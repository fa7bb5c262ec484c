package io.seqpipe.jobs.badinput;

import io.seqpipe.jobs.CliRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input SeqPipe already answers well, pinned so none regresses: usage and config mistakes (exit 2, one
 * {@code seqpipe: error:} line, before Spark starts), missing or incomplete step outputs and inputs (exit 1), and one
 * small {@code prepare} per reject reason of delimited text, column files, series and parallel text, each fixture
 * under {@code bad-input/well-behaved/<area>/<kind>/}: the reason and its detail in {@code rejects/}, and rows read =
 * written + rejected. No entry trains a model.
 */
@Tag("spark")
class WellBehavedInputCatalogueTest {
    private static final int FAILED = 1;
    private static final int USAGE = 2;
    private static final Path FIXTURES = Path.of("src/test/resources/bad-input/well-behaved");

    @TempDir
    Path work;

    // --- usage ----------------------------------------------------------------------------------------------------

    @Test
    void anUnknownCommandListsTheCommands() {
        CliRun r = CliRun.of("fit");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: unknown command 'fit'; commands: prepare, train, evaluate, score, retrain,"
                + " registry", r.reason());
    }

    @Test
    void anUnknownOptionPointsToHelp() {
        CliRun r = CliRun.of("train", "--epochs", "3");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: \"--epochs\" is not a valid option (seqpipe train --help lists options)",
                r.reason());
    }

    @Test
    void aSetWithoutEqualsIsAnError() {
        CliRun r = CliRun.of("train", "--set", "train.epochs");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: override 'train.epochs' must look like key=value", r.reason());
    }

    @Test
    void anArgumentToACommandThatTakesOptionsOnlyIsAnError() {
        CliRun r = CliRun.of("score", "list");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: unexpected argument 'list' (score takes options only)", r.reason());
    }

    @Test
    void resumeOutsideTrainIsAnError() {
        CliRun r = CliRun.of("evaluate", "--resume");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: --resume applies to train and retrain only", r.reason());
    }

    @Test
    void dateOutsideRetrainIsAnError() {
        CliRun r = CliRun.of("train", "--date", "2026-11-23");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: --date applies to retrain only", r.reason());
    }

    @Test
    void registryWithoutAnActionListsTheActions() {
        CliRun r = CliRun.of("registry");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: registry needs an action: list | show | promote | rollback | prune", r.reason());
    }

    // --- config values --------------------------------------------------------------------------------------------

    @Test
    void aWordForAnIntegerKeyNamesKeyAndValue() {
        CliRun r = CliRun.of("train", "--set", "train.epochs=abc");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: train.epochs must be an integer, got \"abc\"", r.reason());
    }

    @Test
    void aListForAnIntegerKeyNamesKeyAndValue() {
        CliRun r = CliRun.of("train", "--set", "model.hidden=[8,16]");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: model.hidden must be an integer, got [8,16]", r.reason());
    }

    @Test
    void anEnumTypoListsTheChoices() {
        CliRun r = CliRun.of("train", "--set", "model.cell=lstn");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: model.cell must be one of rnn | lstm | gru, got 'lstn'",
                r.reason());
    }

    @Test
    void aNegativeLearningRateNamesTheRange() {
        CliRun r = CliRun.of("train", "--set", "train.learningRate=-1");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: train.learningRate must be in [1.0E-9, 10.0], got -1.0",
                r.reason());
    }

    @Test
    void aPredictionFormatTheTaskCannotWriteIsNamed() {
        CliRun r = CliRun.of("score", "--set", "score.outputFormats=csv,conll");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: score.outputFormats = [csv, conll]: task sentiment cannot write"
                + " conll (CoNLL columns are for the tagging tasks ner and pos); it writes parquet | csv | jsonl",
                r.reason());
    }

    @Test
    void aRegistryNameAsTrainsOutputIsRefused() {
        CliRun r = CliRun.of("train", "--set", "paths.model=registry://sentiment");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: paths.model = registry://sentiment: train writes a model"
                + " directory; registry:// names are for evaluate and score (retrain registers versions)", r.reason());
    }

    @Test
    void aSeriesWithoutTimestampColumnsIsRefused() {
        CliRun r = CliRun.of("prepare", "--set", "task=forecast");
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: series.timestampColumns must name at least one column when"
                + " series.timestampFormat = iso (use none when the row order is the time index)", r.reason());
    }

    @Test
    void aStepWithoutItsInputPathNamesTheKey() {
        CliRun r = CliRun.of("prepare", "--set", "task=sentiment", "--set", "paths.work=" + work.toAbsolutePath());
        assertEquals(USAGE, r.exitCode(), r.err());
        assertEquals("seqpipe: error: invalid config: paths.train must be set for prepare", r.reason());
        assertFalse(Files.exists(work.resolve("prepared")));
    }

    // --- step outputs and inputs ----------------------------------------------------------------------------------

    @Test
    void anExistingOutputIsRefusedWithoutOverwrite() throws IOException {
        Files.createDirectories(work.resolve("prepared"));
        Files.writeString(work.resolve("prepared/_SUCCESS"), "");
        CliRun r = sentiment("empty-text", "train.tsv");
        assertEquals(FAILED, r.exitCode(), r.err());
        assertEquals("seqpipe: error: output file:" + work.resolve("prepared")
                + " already exists; remove it or pass --overwrite to replace it", r.reason());
        assertTrue(Files.exists(work.resolve("prepared/_SUCCESS")), "left as it was");
    }

    @Test
    void anIncompleteStepOutputIsRefusedAsInput() {
        Path prepared = FIXTURES.resolve("incomplete-prepared/prepared").toAbsolutePath();
        CliRun r = CliRun.of("train", "--set", "task=sentiment", "--set", "paths.work=" + work.toAbsolutePath(),
                "--set", "paths.prepared=" + prepared);
        assertEquals(FAILED, r.exitCode(), r.err());
        assertEquals("seqpipe: error: prepared data (paths.prepared) file:" + prepared
                + " is incomplete (no _SUCCESS marker): the job that wrote it did not finish; run it again",
                r.reason());
        assertFalse(Files.exists(work.resolve("model")));
    }

    @Test
    void trainWithoutPreparedDataNamesTheKey() {
        CliRun r = CliRun.of("train", "--set", "task=sentiment", "--set", "paths.work=" + work.toAbsolutePath());
        assertEquals(FAILED, r.exitCode(), r.err());
        assertEquals("seqpipe: error: prepared data (paths.prepared) file:" + work.resolve("prepared")
                + " does not exist", r.reason());
    }

    @Test
    void scoreWithoutAModelNamesTheModelDirectory() {
        CliRun r = CliRun.of("score", "--set", "task=sentiment", "--set", "paths.work=" + work.toAbsolutePath(),
                "--set", "paths.score=" + FIXTURES.resolve("sentiment/empty-text/train.tsv").toAbsolutePath());
        assertEquals(FAILED, r.exitCode(), r.err());
        assertEquals("seqpipe: error: model directory file:" + work.resolve("model") + " does not exist", r.reason());
        assertFalse(Files.exists(work.resolve("predictions")));
    }

    // --- delimited text (sentiment prepare) -----------------------------------------------------------------------

    @Test
    void anEmptyTextIsAnEmptyTextReject() throws IOException {
        CliRun r = sentiment("empty-text", "train.tsv");
        assertRows(r, "train: read 3, written 2, rejected 1 (empty_text 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("empty_text", "text column is empty");
    }

    @Test
    void anEmptyLabelIsAnEmptyLabelReject() throws IOException {
        CliRun r = sentiment("empty-label", "train.tsv");
        assertRows(r, "train: read 3, written 2, rejected 1 (empty_label 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("empty_label", "label column is empty");
    }

    @Test
    void aLabelOutsideTheFixedLabelsIsAnUnknownLabelReject() throws IOException {
        CliRun r = sentiment("unknown-label", "train.tsv", "labels.values=[neg, pos]");
        assertRows(r, "train: read 3, written 2, rejected 1 (unknown_label 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("unknown_label", "label 'neutral' is not one of [neg, pos]");
    }

    @Test
    void anEmptyIdIsAnEmptyIdReject() throws IOException {
        CliRun r = sentiment("empty-id", "train.tsv", "input.idColumn=id");
        assertRows(r, "train: read 3, written 2, rejected 1 (empty_id 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("empty_id", "id column is empty");
    }

    @Test
    void aQuoteNotClosedOnItsLineIsAnUnbalancedQuoteReject() throws IOException {
        CliRun r = sentiment("unbalanced-quote", "train.csv", "input.delimiter=\",\"", "input.quote=\"\\\"\"");
        assertRows(r, "train: read 3, written 2, rejected 1 (unbalanced_quote 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("unbalanced_quote", "quote \\\" opened on line 3 is not closed before the end of the file");
    }

    @Test
    void bytesNotInTheCharsetAreAnUndecodableBytesRejectWithAHint() throws IOException {
        CliRun r = sentiment("undecodable-bytes", "train.tsv");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("charset: 1 rejected as undecodable_bytes: the bytes are not valid UTF-8, the"
                + " charset the input was read with; if the files use another encoding, set input.charset"), r.out());
        assertSplitCounts(3, 2, 1);
        assertOneReject("undecodable_bytes", "bytes not valid UTF-8 (MalformedInputException)");
    }

    // --- column files (ner and pos prepare) -----------------------------------------------------------------------

    @Test
    void anEmptyTokenRejectsItsSentence() throws IOException {
        CliRun r = tagging("ner", "empty-token", "train.tsv", "input.format=columns", "input.tokenColumn=0",
                "input.tagColumn=1");
        assertRows(r, "train: sentences read 3, written 2, rejected 1 (empty_token 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("empty_token", "line 4: token (column 0) is empty; sentence from line 4 rejected");
    }

    @Test
    void anEmptyTagRejectsItsSentence() throws IOException {
        CliRun r = tagging("pos", "empty-tag", "train.conllu");
        assertRows(r, "train: sentences read 3, written 2, rejected 1 (empty_tag 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("empty_tag", "line 6: tag (upos) is empty; sentence from line 6 rejected");
    }

    @Test
    void aConlluIdThatIsNoWordIndexRejectsItsSentence() throws IOException {
        CliRun r = tagging("pos", "bad-token-id", "train.conllu");
        assertRows(r, "train: sentences read 3, written 2, rejected 1 (bad_token_id 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("bad_token_id", "line 7: ID 'x' is not a word index, a range n-m or an empty node n.m;"
                + " sentence from line 6 rejected");
    }

    @Test
    void aBlockOfOnlyRangesAndEmptyNodesIsAnEmptySentence() throws IOException {
        CliRun r = tagging("pos", "empty-sentence", "train.conllu");
        assertRows(r, "train: sentences read 3, written 2, rejected 1 (empty_sentence 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("empty_sentence", "lines 6-7: no word lines, only multi-word ranges or empty nodes");
    }

    @Test
    void aTagInvalidInTheTagSchemeRejectsItsSentence() throws IOException {
        CliRun r = tagging("ner", "invalid-tag-sequence", "train.txt");
        assertRows(r, "train: sentences read 3, written 2, rejected 1 (invalid_tag_sequence 1)");
        assertSplitCounts(3, 2, 1);
        assertOneReject("invalid_tag_sequence", "token 2 of the sentence from line 6: tag 'E-PER' is not O or"
                + " B-/I-TYPE (IOB1)");
    }

    // --- series (forecast prepare) --------------------------------------------------------------------------------

    @Test
    void aTimestampNotInTheFormatIsABadTimestampReject() throws IOException {
        CliRun r = forecast("bad-timestamp");
        assertSeriesRows(r, 31, 1, "bad_timestamp");
        assertOneReject("bad_timestamp", "'2000-13' does not match timestamp format yyyy-MM");
    }

    @Test
    void aMissingValueUnderRejectIsANonNumericValueReject() throws IOException {
        CliRun r = forecast("missing-value");
        assertSeriesRows(r, 30, 1, "non_numeric_value");
        assertOneReject("non_numeric_value", "column value: 'NA' is not a number");
    }

    @Test
    void aMissingValueUnderFailNamesFileColumnAndPolicy() {
        CliRun r = forecast("missing-value", "cleaning.missingValues=fail");
        assertEquals(FAILED, r.exitCode(), r.err());
        assertTrue(r.reason().startsWith("seqpipe: error: "), r.reason());
        assertTrue(r.reason().contains("missing-value/train.csv"), r.reason());
        // raised in a Spark task, but read as the reason itself: no exception class, no pointer to a stack trace
        assertFalse(r.reason().contains("Exception") || r.reason().contains("stack trace"), r.reason());
        assertTrue(r.reason().contains(": column value holds 'NA', not a number, and cleaning.missingValues = fail;"
                + " set it to reject, ffill or interpolate to accept such rows"), r.reason());
        assertFalse(Files.exists(work.resolve("prepared")));
    }

    @Test
    void aRepeatedTimestampIsADuplicateTimestampReject() throws IOException {
        CliRun r = forecast("duplicate-timestamp");
        assertSeriesRows(r, 31, 1, "duplicate_timestamp");
        assertOneReject("duplicate_timestamp", "series '*': timestamp 2000-10-01T00:00 already at ");
    }

    @Test
    void aRepeatedTimestampUnderFailNamesBothRows() {
        CliRun r = forecast("duplicate-timestamp", "cleaning.duplicateTimestamps=fail");
        assertEquals(FAILED, r.exitCode(), r.err());
        assertTrue(r.reason().startsWith("seqpipe: error: "), r.reason());
        assertTrue(r.reason().contains("duplicate-timestamp/train.csv"), r.reason());
        // raised in a Spark task, but read as the reason itself: no exception class, no pointer to a stack trace
        assertFalse(r.reason().contains("Exception") || r.reason().contains("stack trace"), r.reason());
        assertTrue(r.reason().contains(" repeats timestamp 2000-10-01T00:00 of "), r.reason());
        assertTrue(r.reason().contains("and cleaning.duplicateTimestamps = fail; "), r.reason());
        assertFalse(Files.exists(work.resolve("prepared")));
    }

    @Test
    void aTimestampEarlierThanTheRowBeforeIsAnOutOfOrderReject() throws IOException {
        CliRun r = forecast("out-of-order-timestamp");
        assertSeriesRows(r, 30, 1, "out_of_order_timestamp");
        assertOneReject("out_of_order_timestamp", "series '*': timestamp 2000-11-01T00:00 follows 2000-12-01T00:00");
    }

    @Test
    void anEmptySeriesKeyIsAnEmptySeriesKeyReject() throws IOException {
        CliRun r = forecast("empty-series-key", "series.keyColumn=station");
        assertSeriesRows(r, 31, 1, "empty_series_key");
        assertOneReject("empty_series_key", "series key column is empty");
    }

    @Test
    void aValueColumnNotInTheHeaderIsNamedWithTheHeader() {
        CliRun r = forecast("no-value-column");
        assertEquals(FAILED, r.exitCode(), r.err());
        assertEquals("seqpipe: error: column 'value' is not in the header of file:"
                + FIXTURES.resolve("series/no-value-column/train.csv").toAbsolutePath()
                + "; the header has [month, amount]", r.reason());
    }

    @Test
    void aSeriesTooShortForOneWindowIsRefused() {
        CliRun r = forecast("too-short");
        assertEquals(FAILED, r.exitCode(), r.err());
        assertTrue(r.reason().startsWith("seqpipe: error: paths.input "
                + FIXTURES.resolve("series/too-short/train.csv").toAbsolutePath() + " gives no training windows ("),
                r.reason());
        assertTrue(r.reason().endsWith("every series is shorter than window.lookback + window.horizon = 4 steps in"
                + " its training part, or split.* leaves no training part"), r.reason());
        assertTrue(r.reason().contains(" series (") && !r.reason().contains("WindowingSummary"), r.reason());
        assertFalse(Files.exists(work.resolve("prepared")));
    }

    // --- parallel text (translation prepare) ----------------------------------------------------------------------

    @Test
    void aPairWithAnEmptySideIsRejected() throws IOException {
        CliRun r = translation("empty-side", "train.tsv", "input.format=tsv");
        assertRows(r, "train: pairs read 4, written 2, rejected 2 (empty_source 1, empty_target 1)");
        assertSplitCounts(4, 2, 2);
        List<String> rejects = rejectLines();
        assertEquals(2, rejects.size(), rejects.toString());
        assertTrue(rejects.stream().anyMatch(l -> l.contains("\"reason\":\"empty_source\"")
                && l.contains("\"detail\":\"the source sentence has no tokens\"")), rejects.toString());
        assertTrue(rejects.stream().anyMatch(l -> l.contains("\"reason\":\"empty_target\"")), rejects.toString());
    }

    @Test
    void aPairWithASideOverItsMaximumIsRejectedNotCut() throws IOException {
        CliRun r = translation("too-long", "train.tsv", "input.format=tsv", "sequence.maxSourceLength=5",
                "sequence.maxTargetLength=5");
        assertRows(r, "train: pairs read 4, written 2, rejected 2 (source_too_long 1, target_too_long 1)");
        assertSplitCounts(4, 2, 2);
        List<String> rejects = rejectLines();
        assertTrue(rejects.stream().anyMatch(l -> l.contains("\"reason\":\"source_too_long\"")), rejects.toString());
        assertTrue(rejects.stream().anyMatch(l -> l.contains("\"reason\":\"target_too_long\"")
                && l.contains("\"detail\":\"9 target tokens > maxTargetLength 5\"")), rejects.toString());
    }

    @Test
    void alignedFilesOfDifferentLengthsAreRefusedWithBothCounts() {
        Path base = FIXTURES.resolve("pairs/misaligned/train").toAbsolutePath();
        CliRun r = translation("misaligned", "train", "source.language=de", "target.language=en");
        assertEquals(FAILED, r.exitCode(), r.err());
        assertEquals("seqpipe: error: parallel corpus files are not aligned: file:" + base + ".de has 3 lines but file:"
                + base + ".en has 2 (line i of one must translate line i of the other; check that both files are the"
                + " same split and neither was cut short)", r.reason());
        assertFalse(Files.exists(work.resolve("prepared")));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private CliRun sentiment(String kind, String file, String... sets) {
        return prepare("sentiment", "paths.train", FIXTURES.resolve("sentiment").resolve(kind).resolve(file), sets);
    }

    private CliRun tagging(String task, String kind, String file, String... sets) {
        return prepare(task, "paths.train", FIXTURES.resolve("tagging").resolve(kind).resolve(file), sets);
    }

    private CliRun translation(String kind, String file, String... sets) {
        return prepare("translation", "paths.train", FIXTURES.resolve("pairs").resolve(kind).resolve(file), sets);
    }

    /** Monthly series {@code month,value}, lookback 3; 30 good rows make 15 training windows. */
    private CliRun forecast(String kind, String... sets) {
        List<String> all = new ArrayList<>(List.of("series.timestampColumns=[month]", "series.timestampFormat=yyyy-MM",
                "series.valueColumns=[value]", "window.targetColumns=[value]", "window.lookback=3",
                "split.train=0.6", "split.validation=0.2"));
        all.addAll(List.of(sets));
        return prepare("forecast", "paths.input", FIXTURES.resolve("series").resolve(kind).resolve("train.csv"),
                all.toArray(String[]::new));
    }

    private CliRun prepare(String task, String inputKey, Path input, String... sets) {
        System.setProperty("spark.ui.enabled", "false");
        List<String> all = new ArrayList<>(List.of("spark.defaultMaster=local[1]"));
        all.addAll(List.of(sets));
        return PrepareRun.prepare(work, task, inputKey, input, all.toArray(String[]::new));
    }

    private static void assertRows(CliRun r, String summaryLine) {
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  " + summaryLine), r.out());
    }

    private void assertSplitCounts(long read, long written, long rejected) {
        PrepareRun.assertTrainCounts(work, read, written, rejected);
    }

    /** Series: rows read = rows the cleaning kept (no filling, no trimming here) + rows rejected. */
    @SuppressWarnings("unchecked")
    private void assertSeriesRows(CliRun r, long read, long rejected, String reason) throws IOException {
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  input: read " + read + " rows, rejected " + rejected + " {" + reason + "="
                + rejected + "}\n"), r.out());
        Map<String, Object> summary = summary();
        assertEquals(read, ((Number) summary.get("rowsRead")).longValue(), summary.toString());
        assertEquals(rejected, ((Number) summary.get("rowsRejected")).longValue(), summary.toString());
        long written = ((Number) ((Map<String, Object>) summary.get("cleaning")).get("rowsOut")).longValue();
        assertEquals(read, written + rejected, summary.toString());
    }

    private Map<String, Object> summary() {
        return PrepareRun.summary(work);
    }

    private void assertOneReject(String reason, String detailStart) throws IOException {
        List<String> rejects = rejectLines();
        assertEquals(1, rejects.size(), rejects.toString());
        assertTrue(rejects.get(0).contains("\"reason\":\"" + reason + "\""), rejects.get(0));
        assertTrue(rejects.get(0).contains("\"detail\":\"" + detailStart), rejects.get(0));
    }

    private List<String> rejectLines() {
        return PrepareRun.rejectLines(work);
    }
}
