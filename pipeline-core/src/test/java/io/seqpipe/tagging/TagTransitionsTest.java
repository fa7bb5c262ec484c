package io.seqpipe.tagging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagTransitionsTest {
    @Test
    void iob2AllowsIOnlyAfterBOrIOfItsType() {
        TagScheme s = TagScheme.IOB2;
        assertTrue(TagTransitions.canFollow(s, "B-PER", "I-PER"));
        assertTrue(TagTransitions.canFollow(s, "I-PER", "I-PER"));
        assertFalse(TagTransitions.canFollow(s, "O", "I-PER"));
        assertFalse(TagTransitions.canFollow(s, "B-LOC", "I-PER"));
        assertTrue(TagTransitions.canFollow(s, "I-LOC", "B-PER"));
        assertTrue(TagTransitions.canFollow(s, "B-PER", "O"));
        assertFalse(TagTransitions.canStart(s, "I-PER"));
        assertTrue(TagTransitions.canStart(s, "B-PER") && TagTransitions.canEnd(s, "I-PER"));
    }

    @Test
    void iobesClosesEveryChunkBeforeTheNext() {
        TagScheme s = TagScheme.IOBES;
        assertTrue(TagTransitions.canFollow(s, "B-PER", "E-PER"));
        assertTrue(TagTransitions.canFollow(s, "I-PER", "I-PER"));
        assertFalse(TagTransitions.canFollow(s, "B-PER", "O"));
        assertFalse(TagTransitions.canFollow(s, "B-PER", "E-LOC"));
        assertFalse(TagTransitions.canFollow(s, "O", "E-PER"));
        assertFalse(TagTransitions.canFollow(s, "S-PER", "I-PER"));
        assertTrue(TagTransitions.canFollow(s, "E-PER", "B-PER"));
        assertTrue(TagTransitions.canFollow(s, "S-LOC", "S-LOC"));
        assertFalse(TagTransitions.canStart(s, "E-PER") || TagTransitions.canStart(s, "I-PER"));
        assertFalse(TagTransitions.canEnd(s, "B-PER") || TagTransitions.canEnd(s, "I-PER"));
        assertTrue(TagTransitions.canEnd(s, "S-PER") && TagTransitions.canEnd(s, "O"));
    }

    @Test
    void iob1AllowsBOnlyBetweenTwoChunksOfItsType() {
        TagScheme s = TagScheme.IOB1;
        assertTrue(TagTransitions.canFollow(s, "I-PER", "B-PER"));
        assertFalse(TagTransitions.canFollow(s, "O", "B-PER"));
        assertFalse(TagTransitions.canFollow(s, "I-LOC", "B-PER"));
        assertTrue(TagTransitions.canFollow(s, "O", "I-PER"));
        assertFalse(TagTransitions.canStart(s, "B-PER"));
        assertTrue(TagTransitions.canStart(s, "I-PER"));
    }

    @Test
    void noneAndUnknownTagsAreUnconstrained() {
        assertArrayEquals(new boolean[][]{{true, true}, {true, true}},
                TagTransitions.allowedMatrix(TagScheme.NONE, List.of("NOUN", "VERB")));
        assertTrue(TagTransitions.canFollow(TagScheme.IOB2, "O", "X-PER"));
        assertArrayEquals(new boolean[]{true, false, true},
                TagTransitions.allowedAtEdge(TagScheme.IOB2, List.of("B-PER", "I-PER", "O"), true));
    }
}
