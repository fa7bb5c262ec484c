package io.seqpipe.tasks.tagging;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.model.TaggerHead;
import io.seqpipe.model.crf.TransitionConstraints;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code model.output} and {@code model.crf.constrained} → the tagger's output layer. */
class TaggerHeadConfigTest {
    private static final List<String> IOBES_TAGS = List.of("B-PER", "E-PER", "O", "S-LOC");

    private static TaggingTaskConfig config(String task, String... overrides) {
        return TaggingTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/" + task + ".defaults.conf"), null,
                List.of(overrides)));
    }

    @Test
    void softmaxIsTheDefault() {
        assertEquals(TaggerHead.softmax(), config("ner").head(IOBES_TAGS));
    }

    @Test
    void aNerCrfIsConstrainedByTheTrainingScheme() {
        TaggerHead head = config("ner", "model.output=crf").head(IOBES_TAGS);
        assertEquals(TaggerHead.Output.CRF, head.output());
        TransitionConstraints c = head.constraints();
        assertFalse(c.allowed(2, 1), "O -> E-PER");
        assertFalse(c.allowed(0, 2), "B-PER -> O");
        assertTrue(c.allowed(0, 1) && c.allowed(1, 3) && c.allowed(3, 0));
        assertFalse(c.allowedStart(1) || c.allowedEnd(0));
        assertNull(config("ner", "model.output=crf", "model.crf.constrained=false").head(IOBES_TAGS).constraints());
    }

    @Test
    void aPosCrfHasNoConstraints() {
        assertEquals(TaggerHead.crf(null), config("pos", "model.output=crf").head(List.of("NOUN", "VERB")));
    }

    @Test
    void anUnknownOutputIsRefusedNamingTheKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> config("ner", "model.output=hmm"));
        assertTrue(e.getMessage().contains("model.output") && e.getMessage().contains("hmm"), e.getMessage());
    }
}
