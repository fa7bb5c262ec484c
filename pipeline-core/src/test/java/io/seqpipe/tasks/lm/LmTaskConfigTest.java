package io.seqpipe.tasks.lm;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.lm.DocumentMode;
import io.seqpipe.lm.LmDataConfig;
import io.seqpipe.lm.LmUnit;
import io.seqpipe.lm.sampling.SamplingSettings;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LmTaskConfigTest {

    private static LmTaskConfig resolve(String... overrides) {
        return LmTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources(LmDataConfig.DEFAULTS_RESOURCE), null, List.of(overrides)));
    }

    @Test
    void readsThePathsAndTheDataSettings() {
        LmTaskConfig c = resolve("paths.work=/w", "paths.train=hdfs:///corpus/*.txt", "lm.unit=word",
                "input.documents=line");
        assertEquals("lm", c.task());
        assertEquals("hdfs:///corpus/*.txt", c.paths().train());
        assertNull(c.paths().score());
        assertNull(c.paths().test(), "the held-out splits come from prepare");
        assertEquals("/w/prepared", c.paths().prepared());
        assertEquals("/w/model", c.paths().model());
        assertEquals("/w/predictions", c.paths().predictions());
        assertEquals(LmUnit.WORD, c.data().unit());
        assertEquals(DocumentMode.LINE, c.data().documents());
        assertEquals("seqpipe-lm", c.appName());
        assertNull(resolve().paths().train(), "paths.train is only required by prepare");
    }

    @Test
    void readsTheModelAndTheTruncatedBpttLength() {
        LmTaskConfig defaults = resolve("paths.work=/w");
        assertEquals(NetworkFactory.TokenInput.EMBEDDING, defaults.input());
        assertEquals(ModelSpec.Cell.LSTM, defaults.model().cell());
        assertEquals(0, defaults.tbptt(), "full backpropagation unless set");
        assertEquals("/w/checkpoints", defaults.checkpoints().dir());
        LmTaskConfig c = resolve("paths.work=/w", "model.input=one_hot", "model.cell=gru", "model.layers=3",
                "model.hidden=64", "train.tbptt=50", "train.validationBatchSize=16", "train.learningRate=0.01");
        assertEquals(NetworkFactory.TokenInput.ONE_HOT, c.input());
        assertEquals(new ModelSpec(ModelSpec.Cell.GRU, 3, 64, false, 64, 0.2, ModelSpec.Pooling.MAX), c.model());
        assertEquals(50, c.tbptt());
        assertEquals(16, c.validationBatchSize());
        assertEquals(0.01, c.optimizer().learningRate());
    }

    @Test
    void badModelSettingsFailNamingTheKey() {
        assertTrue(assertThrows(InvalidConfigException.class, () -> resolve("train.tbptt=-1")).getMessage()
                .startsWith("train.tbptt"));
        assertTrue(assertThrows(InvalidConfigException.class, () -> resolve("model.input=bag")).getMessage()
                .startsWith("model.input"));
        assertEquals("model.bidirectional must be false for a language model (it predicts each unit from the units"
                + " before it only), got true", assertThrows(InvalidConfigException.class,
                () -> resolve("model.bidirectional=true")).getMessage());
        assertEquals("train.tbptt must be 0 with model.cell = rnn (truncated BPTT needs model.cell = lstm or gru), got"
                + " 20", assertThrows(InvalidConfigException.class,
                () -> resolve("model.cell=rnn", "train.tbptt=20")).getMessage());
        LmTaskConfig rnn = resolve("model.cell=rnn", "train.tbptt=0");
        assertTrue(assertThrows(InvalidConfigException.class, () -> NetworkFactory.languageModel(rnn.model(),
                rnn.optimizer(), 10, rnn.input(), 20)).getMessage().startsWith("train.tbptt"),
                "the network factory checks on its own too");
        assertEquals("paths.validation must be set with split.by = files (the validation corpus), got <unset>",
                assertThrows(InvalidConfigException.class, () -> resolve("split.by=files")).getMessage());
        assertEquals("paths.test must be unset with split.by = offset (the held-out splits are cut out of "
                + "paths.train); set split.by = files to read them from files of their own, got /data/test.txt",
                assertThrows(InvalidConfigException.class, () -> resolve("paths.test=/data/test.txt")).getMessage());
        LmTaskConfig files = resolve("split.by=files", "paths.validation=/data/val.txt");
        assertEquals("/data/val.txt", files.paths().validation());
        assertEquals(null, files.paths().test());
        assertEquals(LmTaskConfig.ScoreMode.LIKELIHOOD, resolve("score.mode=likelihood").scoreMode());
        assertEquals("score.mode must be one of generate | likelihood, got 'perplexity'", assertThrows(
                InvalidConfigException.class, () -> resolve("score.mode=perplexity")).getMessage());
        assertEquals("score.outputFormats = [conll]: task lm cannot write conll (CoNLL columns are for the tagging "
                + "tasks ner and pos); it writes parquet | csv | jsonl", assertThrows(InvalidConfigException.class,
                () -> resolve("score.outputFormats=conll")).getMessage());
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertEquals("input.charset must be a charset this JVM supports, got NOPE",
                assertThrows(InvalidConfigException.class, () -> resolve("input.charset=NOPE")).getMessage());
        assertEquals("task must be lm for this pipeline, got ner",
                assertThrows(InvalidConfigException.class, () -> resolve("task=ner")).getMessage());
    }

    @Test
    void readsTheEvaluateSettingsAndNamesTheKeyOfBadOnes() {
        assertEquals(new LmTaskConfig.EvaluateSettings(LmTaskConfig.EvaluateSplit.AUTO, 256, 100000),
                resolve().evaluate(), "the defaults");
        assertEquals(new LmTaskConfig.EvaluateSettings(LmTaskConfig.EvaluateSplit.VALIDATION, 64, 5000),
                resolve("evaluate.split=validation", "evaluate.segmentLength=64", "evaluate.chunkLength=5000")
                        .evaluate());
        for (String bad : List.of("evaluate.split=train", "evaluate.segmentLength=0", "evaluate.chunkLength=0")) {
            String message = assertThrows(InvalidConfigException.class, () -> resolve(bad)).getMessage();
            assertTrue(message.startsWith(bad.substring(0, bad.indexOf('='))), message);
        }
    }

    @Test
    void readsTheGenerateSettingsAndNamesTheKeyOfBadOnes() {
        assertEquals(new SamplingSettings(1.0, 0, 1.0, 200, null, 1), resolve().generate(), "the defaults");
        assertEquals(1, resolve().samplesPerPrompt());
        LmTaskConfig set = resolve("generate.temperature=0.7", "generate.topK=5", "generate.topP=0.9",
                "generate.maxTokens=40", "generate.stopSymbol=\"\\n\"", "generate.seed=-3",
                "generate.samplesPerPrompt=4");
        assertEquals(new SamplingSettings(0.7, 5, 0.9, 40, "\n", -3), set.generate());
        assertEquals(4, set.samplesPerPrompt());
        assertEquals(" ", resolve("generate.stopSymbol=\" \"").generate().stopSymbol(), "a space is a unit");
        for (String bad : List.of("generate.temperature=-0.5", "generate.topK=-1", "generate.topP=0",
                "generate.topP=1.5", "generate.maxTokens=0", "generate.seed=x", "generate.samplesPerPrompt=0", "generate.stopSymbol=\"\"")) {
            String message = assertThrows(InvalidConfigException.class, () -> resolve(bad)).getMessage();
            assertTrue(message.startsWith(bad.substring(0, bad.indexOf('='))), message);
            assertTrue(message.contains(bad.substring(bad.indexOf('=') + 1)), message);
        }
    }
}
