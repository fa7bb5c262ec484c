package io.seqpipe.tasks.lm;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.lm.DocumentMode;
import io.seqpipe.lm.LmDataConfig;
import io.seqpipe.lm.LmUnit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void badValuesFailNamingTheKey() {
        assertEquals("input.charset must be a charset this JVM supports, got NOPE",
                assertThrows(InvalidConfigException.class, () -> resolve("input.charset=NOPE")).getMessage());
        assertEquals("task must be lm for this pipeline, got ner",
                assertThrows(InvalidConfigException.class, () -> resolve("task=ner")).getMessage());
    }
}
