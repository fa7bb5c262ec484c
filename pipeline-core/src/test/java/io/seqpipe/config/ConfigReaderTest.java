package io.seqpipe.config;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading the task of a single-task config record. Pure. */
class ConfigReaderTest {

    @Test
    void aSingleTaskRecordAcceptsItsTaskAndNamesTheOtherOne() {
        assertEquals("forecast", new ConfigReader(ConfigFactory.parseString("task = forecast")).task("forecast"));
        assertEquals("task must be sentiment for this pipeline, got ner", assertThrows(InvalidConfigException.class,
                () -> new ConfigReader(ConfigFactory.parseString("task = ner")).task("sentiment")).getMessage());
        assertEquals("task is required but not set", assertThrows(InvalidConfigException.class,
                () -> new ConfigReader(ConfigFactory.empty()).task("sentiment")).getMessage());
    }
}
