package io.seqpipe.jobs;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage and config errors: all answered before any Spark work starts. */
class SeqPipeCliTest {

    @Test
    void noArgumentsPrintsUsageAndExitsTwo() {
        CliRun r = CliRun.of();
        assertEquals(SeqPipeCli.USAGE, r.exitCode());
        assertTrue(r.err().startsWith("usage: seqpipe <command>"), r.err());
        for (String command : new String[]{"prepare", "train", "evaluate", "score"}) {
            assertTrue(r.err().contains("  " + command + " "), command);
        }
    }

    @Test
    void everyCommandHelpListsEveryOption() {
        for (Command c : Command.values()) {
            CliRun r = CliRun.of(c.cliName(), "--help");
            assertEquals(0, r.exitCode());
            for (String option : new String[]{"--conf FILE", "--set KEY=VALUE", "--overwrite", "--print-config",
                    "--help"}) {
                assertTrue(r.out().contains(option), c + " help lacks " + option + ":\n" + r.out());
            }
        }
    }

    @Test
    void embedListsItsOwnKeysAndRefusesABadConfigBeforeSparkStarts() {
        CliRun help = CliRun.of("embed", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Config keys of embed"), help.out());
        for (String key : new String[]{"embed.input", "embed.output", "embed.vectorSize", "embed.minCount",
                "embed.windowSize", "embed.maxIter", "embed.seed", "embed.tokenizer.lowercase", "spark.defaultMaster"}) {
            assertTrue(help.out().contains("  " + key + " "), key + " missing:\n" + help.out());
        }
        assertFalse(help.out().contains("paths.work"), "embed has no task keys");
        CliRun noInput = CliRun.of("embed", "--set", "embed.output=/tmp/never");
        assertEquals(SeqPipeCli.USAGE, noInput.exitCode());
        assertEquals("seqpipe: error: invalid config: embed.input must be set: the corpus, one sentence per line",
                noInput.reason());
        CliRun badSize = CliRun.of("embed", "--set", "embed.input=/tmp/c", "--set", "embed.output=/tmp/never",
                "--set", "embed.vectorSize=0");
        assertEquals("seqpipe: error: invalid config: embed.vectorSize must be in [1, 10000], got 0",
                badSize.reason());
        CliRun taskKey = CliRun.of("embed", "--set", "task=ner");
        assertEquals(SeqPipeCli.USAGE, taskKey.exitCode());
        assertTrue(taskKey.reason().startsWith("seqpipe: error: invalid config: unknown config key 'task'"),
                taskKey.reason());
        CliRun printed = CliRun.of("embed", "--set", "embed.input=/tmp/c", "--set", "embed.output=/tmp/o",
                "--print-config");
        assertEquals(0, printed.exitCode(), printed.err());
        assertTrue(printed.out().contains("embed.vectorSize = 100"), printed.out());
        assertFalse(new java.io.File("/tmp/o").exists(), "--print-config writes nothing");
    }

    @Test
    void unknownCommandAndUnknownOptionAreUsageErrors() {
        CliRun bad = CliRun.of("fit");
        assertEquals(2, bad.exitCode());
        assertEquals("seqpipe: error: unknown command 'fit'; commands: prepare, train, evaluate, score, retrain, "
                + "registry", bad.reason());
        CliRun option = CliRun.of("train", "--epochs", "3");
        assertEquals(2, option.exitCode());
        assertTrue(option.reason().startsWith("seqpipe: error: \"--epochs\" is not a valid option"), option.reason());
    }

    @Test
    void retrainAndRegistryOptionsAreCheckedBeforeSparkStarts() {
        String conf = "../conf/sentiment.conf";
        assertEquals("seqpipe: error: --date applies to retrain only",
                CliRun.of("train", "--conf", conf, "--date", "2026-11-23").reason());
        assertEquals("seqpipe: error: registry needs an action: list | show | promote | rollback | prune",
                CliRun.of("registry", "--conf", conf).reason());
        assertEquals("seqpipe: error: unexpected argument 'list' (score takes options only)",
                CliRun.of("score", "list", "--conf", conf).reason());
        CliRun noDate = CliRun.of("retrain", "--conf", conf, "--set", "registry.root=/tmp/r");
        assertEquals(SeqPipeCli.USAGE, noDate.exitCode());
        assertEquals("seqpipe: error: invalid config: retrain.date must be set for retrain (retrain --date 2026-11-23)",
                noDate.reason());
        assertEquals("seqpipe: error: invalid config: retrain.date must be an ISO date like 2026-11-23, got "
                + "'yesterday'", CliRun.of("retrain", "--conf", conf, "--set", "registry.root=/tmp/r", "--date",
                "yesterday").reason());
        CliRun trainIntoRegistry = CliRun.of("train", "--conf", conf, "--set", "paths.model=registry://sentiment");
        assertEquals(SeqPipeCli.USAGE, trainIntoRegistry.exitCode());
        assertTrue(trainIntoRegistry.reason().contains("registry:// names are for evaluate and score"),
                trainIntoRegistry.reason());
        CliRun noRoot = CliRun.of("registry", "list", "--conf", conf);
        assertEquals(SeqPipeCli.USAGE, noRoot.exitCode());
        assertEquals("seqpipe: error: invalid config: registry.root must be set for registry list (e.g. --set "
                + "registry.root=hdfs:///seqpipe/registry)", noRoot.reason());
    }

    @Test
    void resumeIsATrainOptionAndCheckpointSettingsAreValidated() {
        CliRun r = CliRun.of("evaluate", "--conf", "../conf/sentiment.conf", "--resume");
        assertEquals(2, r.exitCode());
        assertEquals("seqpipe: error: --resume applies to train and retrain only", r.reason());
        CliRun keep = CliRun.of("train", "--conf", "../conf/sentiment.conf", "--resume",
                "--set", "train.checkpoint.keep=0");
        assertEquals(2, keep.exitCode());
        assertEquals("seqpipe: error: invalid config: train.checkpoint.keep must be in [1, 1000], got 0", keep.reason());
        CliRun typo = CliRun.of("train", "--conf", "../conf/sentiment.conf", "--set", "train.checkpoint.every=5");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.reason().startsWith("seqpipe: error: invalid config: unknown config key "
                + "'train.checkpoint.every' (did you mean"), typo.reason());
        CliRun printed = CliRun.of("train", "--conf", "../conf/sentiment.conf", "--print-config",
                "--set", "paths.work=/tmp/w");
        assertEquals(0, printed.exitCode(), printed.err());
        assertTrue(printed.out().contains("train.checkpoint.dir = \"/tmp/w/checkpoints\"\n"), printed.out());
        assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty());
    }

    @Test
    void unknownConfigKeyFailsBeforeSparkStarts() {
        CliRun r = CliRun.of("train", "--conf", "../conf/sentiment.conf", "--set", "train.epoch=3");
        assertEquals(2, r.exitCode());
        assertEquals("seqpipe: error: invalid config: unknown config key 'train.epoch' (did you mean 'train.epochs'?);"
                + " see the task's defaults for every key", r.reason());
        assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty());
    }

    @Test
    void outOfRangeValueFailsNamingKeyAndValue() {
        CliRun r = CliRun.of("train", "--conf", "../conf/sentiment.conf", "--set", "train.batchSize=-3");
        assertEquals(2, r.exitCode());
        assertEquals("seqpipe: error: invalid config: train.batchSize must be in [1, 1000000], got -3", r.reason());
    }

    @Test
    void unknownKeyInTheFileIsReportedToo(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "task = sentiment\nmodel { hiden = 64 }\n");
        CliRun r = CliRun.of("prepare", "--conf", conf.toString());
        assertEquals(2, r.exitCode());
        assertEquals("seqpipe: error: invalid config: unknown config key 'model.hiden' (did you mean 'model.hidden'?);"
                + " see the task's defaults for every key", r.reason());
    }

    @Test
    void anUnsupportedPredictionFormatFailsBeforeSparkStarts() {
        CliRun r = CliRun.of("score", "--conf", "../conf/sentiment.conf", "--set", "score.outputFormats=csv,conll");
        assertEquals(SeqPipeCli.USAGE, r.exitCode());
        assertEquals("seqpipe: error: invalid config: score.outputFormats = [csv, conll]: task sentiment cannot write "
                + "conll (CoNLL columns are for the tagging tasks ner and pos); it writes parquet | csv | jsonl",
                r.reason());
        assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty());
    }

    @Test
    void unsupportedTaskIsNamed() {
        CliRun r = CliRun.of("prepare", "--set", "task=language-model");
        assertEquals(2, r.exitCode());
        assertEquals("seqpipe: error: invalid config: task 'language-model' is not supported; supported tasks: "
                + "[forecast, lm, ner, pos, sentiment, translation]", r.reason());
        assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty());
    }

    @Test
    void printConfigShowsResolvedValuesWithOverridesApplied() {
        CliRun r = CliRun.of("train", "--conf", "../conf/sentiment.conf", "--set", "paths.work=hdfs://nn:8020/runs/a",
                "--print-config");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("paths.model = \"hdfs://nn:8020/runs/a/model\"\n"), r.out());
        assertTrue(r.out().contains("train.epochs = 8\n"), r.out());
        assertFalse(r.out().contains("paths.work = \"target/seqpipe-sample\""));
    }

    @Test
    void aSeededSplitBesideAnOfficialOneAndALayoutTypoFailBeforeSparkStarts() {
        CliRun both = CliRun.of("prepare", "--conf", "../conf/sentiment.conf", "--set", "split.method=folds");
        assertEquals(2, both.exitCode());
        assertTrue(both.reason().startsWith("seqpipe: error: invalid config: paths.validation and paths.test must not"
                + " be set with split.method = folds: the validation and test splits are cut from paths.train"),
                both.reason());
        CliRun layout = CliRun.of("prepare", "--conf", "../conf/mr.conf", "--set", "input.layout=file-per-label");
        assertEquals("seqpipe: error: invalid config: input.layout must be one of delimited | file_per_class | "
                + "directory_per_class, got 'file-per-label'", layout.reason());
        assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty());
        CliRun mr = CliRun.of("evaluate", "--conf", "../conf/mr.conf", "--set", "split.fold=3", "--print-config");
        assertEquals(0, mr.exitCode(), mr.err());
        assertTrue(mr.out().contains("split.fold = \"3\"\n"), mr.out());
    }

    @Test
    void helpWithATaskListsEachKeyWithTypeBoundDefaultAndDoc() {
        CliRun r = CliRun.of("train", "--help", "--set", "task=ner");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Config keys of task ner"), r.out());
        assertTrue(java.util.regex.Pattern.compile("\n  train\\.batchSize +int \\[1, 1000000] +32 +examples "
                + "\\(sentences, pairs, windows\\) per minibatch on each worker\n").matcher(r.out()).find(), r.out());
        assertTrue(java.util.regex.Pattern.compile("\n  paths\\.train +path +<unset> +labelled column file")
                .matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("  train.wordDropout "), r.out());
        assertFalse(r.out().contains("decode.beamSize"), "a key of translation only");
        CliRun plain = CliRun.of("train", "--help");
        assertTrue(plain.out().contains("seqpipe <command> --help --set task=TASK lists every key of a task"),
                plain.out());
        assertFalse(plain.out().contains("train.batchSize"), plain.out());
        CliRun unknown = CliRun.of("train", "--help", "--set", "task=rnnlm");
        assertEquals(SeqPipeCli.USAGE, unknown.exitCode());
        assertEquals("seqpipe: error: invalid config: task 'rnnlm' is not supported; supported tasks: [forecast, lm, "
                + "ner, pos, sentiment, translation]", unknown.reason());
        CliRun lm = CliRun.of("train", "--help", "--set", "task=lm");
        assertEquals(0, lm.exitCode(), lm.err());
        assertTrue(java.util.regex.Pattern.compile("\\n  train\\.tbptt +int \\[0, 100000] +0 +truncated "
                + "backpropagation").matcher(lm.out()).find(), lm.out());
    }

    @Test
    void printConfigListsUnsetKeysAsUnset() {
        CliRun r = CliRun.of("train", "--set", "task=ner", "--print-config");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\npaths.train = <unset>\n"), r.out());
        assertTrue(r.out().contains("\nregistry.root = <unset>\n"), r.out());
        assertTrue(r.out().contains("\ntrain.checkpoint.everyRounds = 20\n"), r.out());
    }

    @Test
    void aKeyOfAnotherTaskIsNamedAsNotSupported() {
        CliRun r = CliRun.of("train", "--set", "task=ner", "--set", "decode.beamSize=3");
        assertEquals(SeqPipeCli.USAGE, r.exitCode());
        assertEquals("seqpipe: error: invalid config: config key 'decode.beamSize' is not supported by task ner (it is"
                + " a key of: translation)", r.reason());
        assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty());
    }

    @Test
    void reportRefusesTooFewRunsOtherOptionsAMissingMetricsFileAndRunsOfDifferentTasks(@TempDir Path dir)
            throws Exception {
        CliRun one = CliRun.of("report", "--runs", dir.toString());
        assertEquals(SeqPipeCli.USAGE, one.exitCode());
        assertEquals("seqpipe: error: report needs two or more runs: --runs RUN RUN [RUN ...]", one.reason());
        CliRun conf = CliRun.of("report", "--runs", "a", "b", "--set", "task=ner");
        assertEquals(SeqPipeCli.USAGE, conf.exitCode());
        assertEquals("seqpipe: error: report takes --runs, --output and --overwrite only", conf.reason());
        CliRun runsElsewhere = CliRun.of("train", "--runs", "a", "b");
        assertEquals("seqpipe: error: --runs and --output apply to report only", runsElsewhere.reason());

        Path sst = dir.resolve("sst");
        Files.createDirectories(sst.resolve("metrics"));
        Files.writeString(sst.resolve("metrics/metrics.json"), "{\"task\": \"sentiment\", \"metrics\": "
                + "{\"accuracy\": 0.8}}");
        Path conll = dir.resolve("conll");
        Files.createDirectories(conll);
        Files.writeString(conll.resolve("metrics.json"), "{\"task\": \"ner\", \"metrics\": {\"f1.micro\": 0.9}}");
        Path empty = dir.resolve("not-evaluated");
        Files.createDirectories(empty.resolve("model"));
        String out = dir.resolve("cmp").toString();

        CliRun missing = CliRun.of("report", "--runs", sst.toString(), empty.toString(), "--output", out);
        assertEquals(SeqPipeCli.FAILED, missing.exitCode());
        assertEquals("seqpipe: error: run file:" + empty + " has no metrics.json (looked for file:" + empty
                + "/metrics.json and file:" + empty + "/metrics/metrics.json); run `seqpipe evaluate` for it first",
                missing.reason());
        CliRun tasks = CliRun.of("report", "--runs", sst.toString(), conll.toString(), "--output", out);
        assertEquals(SeqPipeCli.FAILED, tasks.exitCode());
        assertEquals("seqpipe: error: runs of different tasks cannot be compared: " + sst + " is sentiment, " + conll
                + " is ner", tasks.reason());
        assertFalse(Files.exists(dir.resolve("cmp")), "nothing written");

        CliRun help = CliRun.of("report", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--runs RUN RUN ...") && help.out().contains("--output DIR")
                && help.out().contains("A RUN is a paths.work directory (its metrics/metrics.json)"), help.out());
    }
}
