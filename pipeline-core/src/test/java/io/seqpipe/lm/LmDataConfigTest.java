package io.seqpipe.lm;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigKeys;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.text.TokenizerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LmDataConfigTest {

    static LmDataConfig resolve(String... overrides) {
        return LmDataConfig.from(new ConfigReader(ConfigLayering.resolve(
                ConfigFactory.parseResources(LmDataConfig.DEFAULTS_RESOURCE), null, List.of(overrides))));
    }

    private static String error(String... overrides) {
        return assertThrows(InvalidConfigException.class, () -> resolve(overrides)).getMessage();
    }

    @Test
    void theDocumentedDefaultsAreACharacterModelWithTheNanoGptSplit() {
        LmDataConfig c = resolve();
        assertEquals(LmUnit.CHAR, c.unit());
        assertEquals(DocumentMode.FILE, c.documents());
        assertEquals("UTF-8", c.charset());
        assertEquals("<doc>", c.boundary());
        assertEquals(256, c.sequenceLength());
        assertEquals(256, c.stride(), "stride defaults to the sequence length");
        assertEquals(LmSplit.nanoGpt(), c.split());
        assertEquals(1, c.minCount());
        assertEquals(30000, c.maxSize());
        assertEquals(new UnitRange(0, 1_003_854), c.split().ranges(1_115_394).train());
        assertEquals(List.of("a", "\n", "b"), c.unitTokenizer().units("a\nb"));
    }

    @Test
    void theStrideFollowsAnOverriddenLengthUnlessSet() {
        assertEquals(100, resolve("lm.sequenceLength=100").stride());
        LmDataConfig c = resolve("lm.sequenceLength=100", "lm.stride=25");
        assertEquals(25, c.cutter().stride());
        assertEquals(100, c.cutter().length());
    }

    @Test
    void aWordModelOfMulti30kLines() {
        LmDataConfig c = resolve("lm.unit=word", "input.documents=line", "lm.boundary=</s>", "vocabulary.minCount=2",
                "split.by=document", "split.trainFraction=0.8", "split.testFraction=0.1", "split.seed=7",
                "tokenizer.lowercase=false");
        assertEquals(LmUnit.WORD, c.unit());
        assertEquals(DocumentMode.LINE, c.documents());
        assertEquals(new TokenizerConfig(TokenizerConfig.Mode.WORDS, false, TokenizerConfig.Normalization.NFKC),
                c.tokenizer());
        assertEquals(new LmSplit(LmSplit.By.DOCUMENT, 0.8, 0.1, 7), c.split());
        assertEquals(List.of("Two", "dogs", ".", "</s>", "A", "cat"),
                c.unitTokenizer().stream(List.of("Two dogs.", "A cat")));
        UnitCounts counts = new UnitCounts().addAll(c.unitTokenizer().stream(List.of("a b", "a b", "c")));
        assertEquals(List.of("<pad>", "<unk>", "</s>", "a", "b"), c.vocabulary(counts).vocabulary().toLines());
    }

    @Test
    void errorsNameTheKeyAndTheBadValue() {
        assertEquals("lm.sequenceLength must be in [2, 100000], got 1", error("lm.sequenceLength=1"));
        assertEquals("lm.sequenceLength must be in [2, 100000], got 100001", error("lm.sequenceLength=100001"));
        assertEquals("lm.stride must be in [1, lm.sequenceLength = 64] (a larger stride would skip targets), got 65",
                error("lm.sequenceLength=64", "lm.stride=65"));
        assertEquals("lm.stride must be in [1, 100000], got 0", error("lm.stride=0"));
        assertEquals("lm.unit must be one of char | word, got 'byte'", error("lm.unit=byte"));
        assertEquals("input.documents must be one of file | line, got 'paragraph'", error("input.documents=paragraph"));
        assertEquals("input.charset must be a charset this JVM supports, got UTF-9", error("input.charset=UTF-9"));
        assertEquals("lm.boundary must be at least two characters without whitespace, and not <pad> or <unk>, got '#'",
                error("lm.boundary=#"));
        assertEquals("vocabulary.maxSize must be in [4, 10000000], got 3", error("vocabulary.maxSize=3"));
        assertEquals("vocabulary.minCount must be >= 1, got 0", error("vocabulary.minCount=0"));
        assertEquals("split.by must be one of offset | document | files, got 'random'", error("split.by=random"));
        assertEquals("split.trainFraction must be in (0, 1], got 0.0", error("split.trainFraction=0"));
        assertEquals("split.testFraction must be in [0, 1), got 1.0", error("split.testFraction=1"));
        assertEquals("split.trainFraction + split.testFraction must be <= 1, got 1.1",
                error("split.trainFraction=0.9", "split.testFraction=0.2"));
    }

    @Test
    void everyKeyIsDeclaredWithItsBound() {
        ConfigKeys keys = ConfigKeys.of(LmDataConfig.DEFAULTS_RESOURCE);
        assertEquals(List.of(), keys.unannotated(), "keys without a # @<type> line above them");
        assertEquals("int [2, 100000]", keys.spec("lm.sequenceLength").typeAndBound());
        assertEquals("double (0, 1]", keys.spec("split.trainFraction").typeAndBound());
        assertEquals("io/seqpipe/train/train.defaults.conf", keys.spec("train.epochs").declaredIn());
    }

    @Test
    void anUnknownKeyIsAnError() {
        String message = error("lm.sequenceLenght=64");
        assertEquals(true, message.startsWith("unknown config key 'lm.sequenceLenght'"), message);
    }
}
