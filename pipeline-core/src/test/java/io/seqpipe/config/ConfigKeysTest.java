package io.seqpipe.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigKeysTest {
    static final List<String> TASKS = List.of("sentiment", "ner", "pos", "forecast", "translation", "lm");

    @Test
    void everyKeyOfEveryTaskIsDeclared() {
        for (String task : TASKS) {
            ConfigKeys keys = ConfigKeys.forTask(task);
            assertEquals(List.of(), keys.unannotated(), task + ": keys without a # @<type> line above them");
            assertTrue(keys.specs().size() > 40, task);
        }
        ConfigKeys embed = ConfigKeys.of("io/seqpipe/embed/embed.defaults.conf");
        assertEquals(List.of(), embed.unannotated(), "embed: keys without a # @<type> line above them");
        assertEquals("int [1, 10000]", embed.spec("embed.vectorSize").typeAndBound());
    }

    @Test
    void aSharedKeyIsDeclaredOnceAndKeepsEachTasksDefault() {
        KeySpec sentiment = ConfigKeys.forTask("sentiment").spec("train.epochs");
        KeySpec ner = ConfigKeys.forTask("ner").spec("train.epochs");
        assertEquals("io/seqpipe/train/train.defaults.conf", sentiment.declaredIn());
        assertEquals(sentiment.declaredIn(), ner.declaredIn());
        assertEquals("int [1, 100000]", ner.typeAndBound());
        assertEquals("passes over the training data", ner.summary());
        assertEquals("5", sentiment.defaultValue());
        assertEquals("20", ner.defaultValue(), "ner's own value, the shared declaration");
        KeySpec work = ConfigKeys.forTask("forecast").spec("paths.model");
        assertEquals("io/seqpipe/config/shared.defaults.conf", work.declaredIn());
        assertEquals("\"seqpipe-work/model\"", work.defaultValue());
        assertEquals(KeySpec.Type.PATH, work.type());
    }

    @Test
    void aTasksOwnDeclarationAndSubstitutedDefaults() {
        KeySpec maxSize = ConfigKeys.forTask("translation").spec("vocabulary.maxSize");
        assertEquals(5, maxSize.bound().min());
        assertEquals(10_000_000, maxSize.bound().max());
        assertEquals(3, ConfigKeys.forTask("ner").spec("vocabulary.maxSize").bound().min());
        KeySpec test = ConfigKeys.forTask("sentiment").spec("paths.test");
        assertTrue(test.summary().startsWith("labelled text for `evaluate`"), "its own doc, not paths.validation's: "
                + test.summary());
        assertNull(test.defaultValue(), "unset while paths.validation is");
        KeySpec scoreDelimiter = ConfigKeys.forTask("sentiment").spec("score.input.delimiter");
        assertEquals(KeySpec.Type.STRING, scoreDelimiter.type(), "declared by the input.* key it copies");
        assertEquals("enum lstm | gru | rnn".length(), ConfigKeys.forTask("pos").spec("model.cell").typeAndBound()
                .length());
    }

    @Test
    void annotationsParse() {
        KeySpec open = ConfigKeys.parse("a.b", "@double (0, 10]", "1.0", List.of("doc"), "f:1");
        assertEquals(Double.MIN_VALUE, open.bound().min());
        assertEquals(10.0, open.bound().max());
        assertEquals("double (0, 10]", open.typeAndBound());
        KeySpec halfOpen = ConfigKeys.parse("a.b", "@double [0, 1)", "0.1", List.of(), "f:1");
        assertEquals(0.0, halfOpen.bound().min());
        assertEquals(Math.nextDown(1.0), halfOpen.bound().max());
        assertTrue(halfOpen.bound().excludesAnEnd());
        assertThrows(IllegalStateException.class, () -> ConfigKeys.parse("a.b", "@int [0, 10)", "1", List.of(), "f"));
        KeySpec atLeast = ConfigKeys.parse("a.b", "@int >= 1", "2", List.of(), "f:1");
        assertEquals(1, atLeast.bound().min());
        assertEquals(Integer.MAX_VALUE, atLeast.bound().max());
        KeySpec any = ConfigKeys.parse("a.b", "@double", "0", List.of(), "f:1");
        assertEquals(-Double.MAX_VALUE, any.bound().min());
        assertEquals("double", any.typeAndBound());
        KeySpec choice = ConfigKeys.parse("a.b", "@enum x | y", "x", List.of(), "f:1");
        assertEquals(List.of("x", "y"), choice.choices());
        assertEquals("f:1: unknown type '@integer' in the annotation of a.b; types: int, long, double, auto-or-double,"
                + " bool, string, path, enum, list, object", assertThrows(IllegalStateException.class,
                () -> ConfigKeys.parse("a.b", "@integer [1, 2]", "1", List.of(), "f:1")).getMessage());
        assertEquals("f:1: bad bound '[1, two]' of a.b; write [min, max] (an end in ( or ) is excluded) or >= min",
                assertThrows(IllegalStateException.class,
                        () -> ConfigKeys.parse("a.b", "@int [1, two]", "1", List.of(), "f:1")).getMessage());
        assertThrows(IllegalStateException.class, () -> ConfigKeys.parse("a.b", "@int [3, 2]", "1", List.of(), "f:1"));
        assertThrows(IllegalStateException.class, () -> ConfigKeys.parse("a.b", "@bool [0, 1]", "1", List.of(), "f"));
    }
}
