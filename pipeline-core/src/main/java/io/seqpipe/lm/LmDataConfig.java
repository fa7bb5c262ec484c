package io.seqpipe.lm;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.text.TokenizerConfig;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.WordTokenizer;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

/**
 * The data settings of a language model, read from {@code io/seqpipe/tasks/lm.defaults.conf}'s keys (where each is
 * documented) and validated here; errors name the key and the bad value.
 *
 * @param unit           {@code lm.unit}: characters or words
 * @param charset        {@code input.charset}: the text files' charset
 * @param documents      {@code input.documents}: one document per file or per line
 * @param boundary       {@code lm.boundary}: the document boundary symbol, at least two characters, no whitespace
 * @param tokenizer      {@code tokenizer.*}: how word units are split (unused for characters)
 * @param minCount       {@code vocabulary.minCount}: units seen fewer times become {@code <unk>}
 * @param maxSize        {@code vocabulary.maxSize}: vocabulary entries, {@code <pad>}, {@code <unk>} and the boundary
 *                       included
 * @param sequenceLength {@code lm.sequenceLength}: input steps per training sequence
 * @param stride         {@code lm.stride}: units between consecutive sequence starts, at most the length
 * @param split          {@code split.*}: the held-out splits
 */
public record LmDataConfig(LmUnit unit, String charset, DocumentMode documents, String boundary,
                           TokenizerConfig tokenizer, int minCount, int maxSize, int sequenceLength, int stride,
                           LmSplit split) implements Serializable {
    public static final String DEFAULTS_RESOURCE = "io/seqpipe/tasks/lm.defaults.conf";

    public LmDataConfig {
        if (unit == null || documents == null || tokenizer == null || split == null) {
            throw new IllegalArgumentException("lm.unit, input.documents, tokenizer.* and split.* must be set");
        }
        ConfigReader.check(isSupported(charset), "input.charset", charset, "a charset this JVM supports");
        ConfigReader.check(isValidBoundary(boundary), "lm.boundary", "'" + boundary + "'",
                "at least two characters without whitespace, and not " + Vocabulary.PAD + " or " + Vocabulary.UNK);
        ConfigReader.check(minCount >= 1, "vocabulary.minCount", minCount, ">= 1");
        ConfigReader.check(maxSize >= 4, "vocabulary.maxSize", maxSize,
                ">= 4 (<pad>, <unk>, the boundary and one unit)");
        ConfigReader.check(sequenceLength >= 2 && sequenceLength <= 100_000, "lm.sequenceLength", sequenceLength,
                "in [2, 100000]");
        ConfigReader.check(stride >= 1 && stride <= sequenceLength, "lm.stride", stride,
                "in [1, lm.sequenceLength = " + sequenceLength + "] (a larger stride would skip targets)");
    }

    /** Reads the keys of {@code lm.defaults.conf} through {@code reader}. */
    public static LmDataConfig from(ConfigReader reader) {
        return new LmDataConfig(reader.enumValue("lm.unit", LmUnit.class), reader.string("input.charset"),
                reader.enumValue("input.documents", DocumentMode.class), reader.string("lm.boundary"),
                TokenizerConfig.from(reader, "tokenizer"), reader.integer("vocabulary.minCount"),
                reader.integer("vocabulary.maxSize"), reader.integer("lm.sequenceLength"),
                reader.integer("lm.stride"), LmSplit.from(reader));
    }

    /** The tokenizer of documents into this config's units, with its boundary. */
    public UnitTokenizer unitTokenizer() {
        return new UnitTokenizer(unit, unit == LmUnit.WORD ? new WordTokenizer(tokenizer) : null, boundary);
    }

    /** The cutter of training sequences: {@code lm.sequenceLength} steps every {@code lm.stride} units. */
    public SequenceCutter cutter() {
        return new SequenceCutter(sequenceLength, stride);
    }

    /** The vocabulary of the training split's counts. */
    public LmVocabulary vocabulary(UnitCounts trainCounts) {
        return LmVocabulary.build(trainCounts, boundary, minCount, maxSize);
    }

    /** Fails unless {@code boundary} can be the boundary symbol ({@link #isValidBoundary}). */
    static void requireBoundary(String boundary) {
        if (!isValidBoundary(boundary)) {
            throw new IllegalArgumentException("the boundary symbol must be at least two characters without "
                    + "whitespace, and not " + Vocabulary.PAD + " or " + Vocabulary.UNK + ", got '" + boundary + "'");
        }
    }

    /**
     * At least two code points (so no single character of the text can be taken for it), no whitespace (so no word of
     * the whitespace tokenizer contains a part of it), and not a reserved entry.
     */
    static boolean isValidBoundary(String boundary) {
        return boundary != null && boundary.codePointCount(0, boundary.length()) >= 2
                && boundary.codePoints().noneMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.isISOControl(cp))
                && !boundary.equals(Vocabulary.PAD) && !boundary.equals(Vocabulary.UNK);
    }

    private static boolean isSupported(String charset) {
        try {
            return charset != null && Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
