package io.seqpipe.tagging;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.seqpipe.tagging.TagScheme.IOB1;
import static io.seqpipe.tagging.TagScheme.IOB2;
import static io.seqpipe.tagging.TagScheme.IOBES;
import static io.seqpipe.tagging.TagScheme.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TagSchemeConverterTest {

    static List<String> tags(String spaced) {
        return Arrays.asList(spaced.split(" "));
    }

    static List<String> convert(TagScheme from, TagScheme to, String spaced) {
        return new TagSchemeConverter(from, to).convert(tags(spaced)).tags();
    }

    @Test
    void iob1StartsChunksWithIExceptAfterTheSameTypeAndUsesBOnlyBetweenAdjacentSameTypeChunks() {
        // CoNLL-2003 eng.train: "Japan China" are two LOC chunks (I-LOC B-LOC); I-ORG after I-PER starts an ORG
        String iob1 = "I-LOC B-LOC O I-PER I-ORG I-ORG O I-MISC";
        assertEquals(List.of(new Chunk("LOC", 0, 1), new Chunk("LOC", 1, 2), new Chunk("PER", 3, 4),
                new Chunk("ORG", 4, 6), new Chunk("MISC", 7, 8)), IOB1.decode(tags(iob1)));
        assertEquals(tags("B-LOC B-LOC O B-PER B-ORG I-ORG O B-MISC"), convert(IOB1, IOB2, iob1));
        assertEquals(tags("S-LOC S-LOC O S-PER B-ORG E-ORG O S-MISC"), convert(IOB1, IOBES, iob1));
    }

    @Test
    void iob2ToIobesAndBackRoundTrips() {
        String iob2 = "B-PER I-PER I-PER O B-LOC B-LOC I-LOC O B-ORG";
        String iobes = "B-PER I-PER E-PER O S-LOC B-LOC E-LOC O S-ORG";
        assertEquals(tags(iobes), convert(IOB2, IOBES, iob2));
        assertEquals(tags(iob2), convert(IOBES, IOB2, iobes));
        assertEquals(tags("I-PER I-PER I-PER O I-LOC B-LOC I-LOC O I-ORG"), convert(IOBES, IOB1, iobes));
    }

    @Test
    void illFormedSequencesAreReadLenientlyAndComeOutWellFormed() {
        // IOB2 I after O or after another type starts a chunk, as conlleval reads it
        assertEquals(tags("O B-PER B-LOC"), convert(IOB2, IOB2, "O I-PER I-LOC"));
        // IOBES: B without E still ends at O; I after E/S starts a new chunk; a lone E is a one-token chunk
        assertEquals(tags("B-PER I-PER O B-PER B-PER O B-LOC"), convert(IOBES, IOB2, "B-PER I-PER O S-PER I-PER O E-LOC"));
    }

    @Test
    void tagsNotOfTheSchemeAreReportedNeverThrown() {
        TagConversion c = new TagSchemeConverter(IOB2, IOBES).convert(tags("B-PER S-PER X-LOC O B- per"));
        assertFalse(c.isValid());
        assertEquals(List.of(
                new TagProblem(1, "S-PER", "tag 'S-PER' is not O or B-/I-TYPE (IOB2)"),
                new TagProblem(2, "X-LOC", "tag 'X-LOC' is not O or B-/I-TYPE (IOB2)"),
                new TagProblem(4, "B-", "tag 'B-' is not O or B-/I-TYPE (IOB2)"),
                new TagProblem(5, "per", "tag 'per' is not O or B-/I-TYPE (IOB2)")), c.problems());
        assertEquals(List.of(), IOBES.validate(tags("S-PER B-LOC I-LOC E-LOC O")));
    }

    @Test
    void aSentenceWithInvalidTagsBecomesOneRejectPerBadTag() {
        TaggedSentence s = new TaggedSentence("f", 12, List.of("Peter", "Blackburn"), List.of("B-PER", "E-PER"));
        SentenceOutcome o = new TagSchemeConverter(IOB1, IOB2).convert(s);
        assertEquals(List.of(new Rejection("f", 12, RejectReason.INVALID_TAG_SEQUENCE,
                "token 2 of the sentence from line 12: tag 'E-PER' is not O or B-/I-TYPE (IOB1)", "Blackburn\tE-PER")),
                o.rejections());
        assertEquals(List.of("B-PER", "I-PER"), new TagSchemeConverter(IOBES, IOB2).convert(s).sentence().tags());
    }

    @Test
    void noneKeepsPosTagsAsTheyAreAndDoesNotMixWithChunkSchemes() {
        assertEquals(tags("-LRB- NNP B-X"), convert(NONE, NONE, "-LRB- NNP B-X"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new TagSchemeConverter(NONE, IOB2));
        assertEquals("tags cannot be converted from NONE to IOB2: NONE (plain labels such as POS tags) converts only to"
                + " NONE, the chunk schemes IOB1, IOB2, IOBES among themselves", e.getMessage());
    }

    @Test
    void encodingRejectsOverlappingChunks() {
        assertThrows(IllegalArgumentException.class,
                () -> IOB2.encode(List.of(new Chunk("A", 0, 2), new Chunk("B", 1, 3)), 3));
        assertEquals(tags("O O O"), IOBES.encode(List.of(), 3));
    }
}
