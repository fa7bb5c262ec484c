package io.seqpipe.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.seqpipe.tasks.classification.ClassificationTaskConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLayeringTest {
    static final Config DEFAULTS = ConfigFactory.parseResources("io/seqpipe/tasks/sentiment.defaults.conf");

    static Config resolve(String fileText, String... overrides) throws Exception {
        File f = null;
        if (fileText != null) {
            f = Files.createTempFile("seqpipe", ".conf").toFile();
            Files.writeString(f.toPath(), fileText);
        }
        return ConfigLayering.resolve(DEFAULTS, f, List.of(overrides));
    }

    @Test
    void overridesBeatTheFileWhichBeatsTheDefaults() throws Exception {
        Config c = resolve("train { epochs = 3, batchSize = 8 }", "train.epochs=7");
        assertEquals(7, c.getInt("train.epochs"));
        assertEquals(8, c.getInt("train.batchSize"));
        assertEquals(5, c.getInt("train.averagingFrequency"));
    }

    @Test
    void laterOverrideOfTheSameKeyWins() throws Exception {
        assertEquals(4, resolve(null, "train.epochs=2", "train.epochs=4").getInt("train.epochs"));
    }

    @Test
    void derivedPathsFollowAnOverriddenWorkDirectory() throws Exception {
        Config c = resolve("paths.work = local-dir", "paths.work=hdfs://nn:8020/user/me/run1");
        // unquoted: '//' would start a HOCON comment if the value were parsed as HOCON
        assertEquals("hdfs://nn:8020/user/me/run1/model", c.getString("paths.model"));
        assertEquals("hdfs://nn:8020/user/me/run1/prepared", c.getString("paths.prepared"));
    }

    @Test
    void inputsTemplatedWithTheRetrainDateResolveEvenWhenTheFileSetsTheKeyTwice() throws Exception {
        Config c = resolve("paths.train = local.tsv\npaths.train = \"hdfs:///data/\"${retrain.date}\"/train.tsv\"",
                "retrain.date=2026-11-23");
        assertEquals("hdfs:///data/2026-11-23/train.tsv", c.getString("paths.train"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> resolve("paths.trian = \"/data/\"${retrain.date}", "retrain.date=2026-11-23"));
        assertTrue(e.getMessage().startsWith("unknown config key 'paths.trian'"), e.getMessage());
    }

    @Test
    void listAndQuotedValuesAreParsedAsHocon() throws Exception {
        Config c = resolve(null, "labels.values=[neg, pos]", "input.delimiter=\",\"");
        assertEquals(List.of("neg", "pos"), c.getStringList("labels.values"));
        assertEquals(",", c.getString("input.delimiter"));
    }

    @Test
    void unknownKeyInFileIsAnErrorNamingTheKeyAndTheClosestKnownOne() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> resolve("train { batchsize = 8 }"));
        assertEquals("unknown config key 'train.batchsize' (did you mean 'train.batchSize'?); see the task's "
                + "defaults for every key", e.getMessage());
    }

    @Test
    void unknownKeyInOverrideIsAnError() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> resolve(null, "model.cells=gru"));
        assertTrue(e.getMessage().startsWith("unknown config key 'model.cells' (did you mean 'model.cell'?)"),
                e.getMessage());
    }

    @Test
    void overrideWithoutEqualsIsAnError() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> resolve(null, "train.epochs"));
        assertEquals("override 'train.epochs' must look like key=value", e.getMessage());
    }

    @Test
    void missingConfigFileIsAnError(@TempDir Path dir) {
        File missing = dir.resolve("nope.conf").toFile();
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigLayering.resolve(DEFAULTS, missing, List.of()));
        assertEquals("config file " + missing + " does not exist or is not a file", e.getMessage());
    }

    @Test
    void outOfRangeValueNamesTheKeyAndTheValue() throws Exception {
        Config c = resolve(null, "paths.train=x", "train.batchSize=-3");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ClassificationTaskConfig.from(c));
        assertEquals("train.batchSize must be in [1, 1000000], got -3", e.getMessage());
    }

    @Test
    void wrongTypeNamesTheKey() throws Exception {
        Config c = resolve(null, "train.epochs=many");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ClassificationTaskConfig.from(c));
        assertEquals("train.epochs must be an integer, got \"many\"", e.getMessage());
    }

    @Test
    void badEnumListsTheAllowedValues() throws Exception {
        Config c = resolve(null, "model.cell=transformer");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ClassificationTaskConfig.from(c));
        assertEquals("model.cell must be one of rnn | lstm | gru, got 'transformer'", e.getMessage());
    }

    @Test
    void dropoutOfOneIsRejected() throws Exception {
        Config c = resolve(null, "model.dropout=1.0");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ClassificationTaskConfig.from(c));
        assertEquals("model.dropout must be in [0.0, 0.99], got 1.0", e.getMessage());
    }

    @Test
    void defaultsAloneGiveAValidConfigWithOptionalPathsUnset() throws Exception {
        ClassificationTaskConfig cfg = ClassificationTaskConfig.from(resolve(null));
        assertEquals(null, cfg.paths().train());
        assertEquals("seqpipe-work/model", cfg.paths().model());
        assertEquals(TestValues.DEFAULT_MAX_LENGTH, cfg.sequence().maxLength());
        assertTrue(cfg.model().bidirectional());
    }

    @Test
    void secretsAreMaskedWhenTheConfigIsDescribed() {
        Config c = ConfigFactory.parseString("a.password = hunter2, a.user = me");
        List<String> lines = ConfigLayering.describe(c);
        assertEquals(List.of("a.password = \"*****\"", "a.user = \"me\""), lines);
        assertFalse(String.join("\n", lines).contains("hunter2"));
    }

    @Test
    void theResolvedConfigFileParsesBackWithSecretsMaskedAndOverridesApplied() {
        Config c = ConfigLayering.resolve(ConfigFactory.parseString("paths { work = w, model = ${paths.work}\"/m\" },"
                + " registry.password = null, train.epochs = 8"), null, List.of("paths.work=hdfs://nn/x",
                "registry.password=hunter2"));
        String file = ConfigLayering.resolvedFile(c);
        assertTrue(file.startsWith("# the resolved config"), file);
        assertFalse(file.contains("hunter2"), file);
        Config back = ConfigFactory.parseString(file);
        assertEquals("hdfs://nn/x/m", back.getString("paths.model"));
        assertEquals(8, back.getInt("train.epochs"));
        assertEquals("*****", back.getString("registry.password"));
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, ConfigLayering.editDistance("abc", "abc"));
        assertEquals(1, ConfigLayering.editDistance("abc", "abd"));
        assertEquals(3, ConfigLayering.editDistance("", "abc"));
        assertEquals(2, ConfigLayering.editDistance("batchsize", "batchSize2"));
    }

    static final class TestValues {
        static final int DEFAULT_MAX_LENGTH = 64;
    }

    @Test
    void aConfigFileThatIsNotHoconNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "train {\n  epochs = 3\n  batchSize = [8\n}\n");
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class,
                () -> ConfigLayering.resolve(DEFAULTS, conf.toFile(), List.of()));
        assertTrue(e.getMessage().startsWith(conf + ":4: "), e.getMessage());
    }

    @Test
    void aSetValueThatIsNotHoconNamesTheOverride() {
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class,
                () -> ConfigLayering.parseOverrides(List.of("model.hidden={a = ")));
        assertTrue(e.getMessage().startsWith("--set model.hidden={a =: "), e.getMessage());
    }

    @Test
    void describeMasksPasswordsInsideUris() throws Exception {
        Config c = resolve(null, "paths.train=hdfs://alice:pw@nn:8020/t.tsv");
        assertTrue(ConfigLayering.describe(c).contains("paths.train = \"hdfs://alice:*****@nn:8020/t.tsv\""),
                ConfigLayering.describe(c).toString());
    }

    @Test
    void integerKeysMustBeWholeAndWithinTheirType() throws Exception {
        ConfigReader r = new ConfigReader(resolve("train.batchSize = 16.7\nmodel.hidden = 2.0\ntrain.seed = 1e3",
                "train.epochs=2.9", "model.embedding=3000000000", "train.averagingFrequency= 7 "));
        assertEquals("train.batchSize must be an integer, got 16.7",
                assertThrows(InvalidConfigException.class, () -> r.intIn("train.batchSize", 1, 100)).getMessage());
        assertEquals("train.epochs must be an integer, got 2.9",
                assertThrows(InvalidConfigException.class, () -> r.intIn("train.epochs", 1, 100)).getMessage());
        assertEquals("model.embedding must be an integer in [1, 2147483647], got 3000000000",
                assertThrows(InvalidConfigException.class, () -> r.intAtLeast("model.embedding", 1)).getMessage());
        assertEquals("model.embedding must be in [1, 100], got 3000000000",
                assertThrows(InvalidConfigException.class, () -> r.intIn("model.embedding", 1, 100)).getMessage());
        assertEquals(2, r.intAtLeast("model.hidden", 1));
        assertEquals(1000L, r.longValue("train.seed"));
        assertEquals(7, r.intAtLeast("train.averagingFrequency", 1));
    }

    @Test
    void numbersInStringsFollowTheDecimalGrammar() throws Exception {
        ConfigReader r = new ConfigReader(resolve(null, "train.learningRate=0x1p-4", "train.l2=1e-4",
                "train.batchSize=16f"));
        assertEquals("train.learningRate must be a number, got \"0x1p-4\"", assertThrows(InvalidConfigException.class,
                () -> r.doubleIn("train.learningRate", 0, 1)).getMessage());
        assertEquals(1e-4, r.doubleIn("train.l2", 0, 1));
        assertEquals("train.batchSize must be an integer, got \"16f\"", assertThrows(InvalidConfigException.class,
                () -> r.intIn("train.batchSize", 1, 100)).getMessage());
    }
}
