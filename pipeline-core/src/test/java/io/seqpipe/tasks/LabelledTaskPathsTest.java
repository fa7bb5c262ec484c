package io.seqpipe.tasks;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The paths of the labelled-split tasks: unset or blank inputs are null, every output is required. Pure. */
class LabelledTaskPathsTest {
    private static final String OUTPUTS = "paths { prepared = p, model = m, metrics = e, metricsHistory = h,"
            + " predictions = o }";

    @Test
    void unsetOrBlankInputsAreNull() {
        LabelledTaskPaths paths = LabelledTaskPaths.from(new ConfigReader(ConfigFactory.parseString(OUTPUTS
                + "\npaths { train = t.csv, validation = \"\" }")));
        assertEquals(new LabelledTaskPaths("t.csv", null, null, null, "p", "m", "e", "h", "o"), paths);
    }

    @Test
    void aMissingOutputIsNamed() {
        assertEquals("paths.metricsHistory is required but not set", assertThrows(InvalidConfigException.class,
                () -> LabelledTaskPaths.from(new ConfigReader(ConfigFactory.parseString(
                        OUTPUTS.replace("metricsHistory = h,", ""))))).getMessage());
    }
}
