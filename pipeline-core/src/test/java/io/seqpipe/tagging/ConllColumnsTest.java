package io.seqpipe.tagging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConllColumnsTest {

    @Test
    void aSentenceIsOneTokenPerLineWithGoldBeforePredictedAsConllevalReadsThem() {
        List<String> tokens = List.of("Kofi", "Mensah", "visited", "Riga");
        List<String> predicted = List.of("B-PER", "I-PER", "O", "B-LOC");
        assertEquals("Kofi B-PER\nMensah I-PER\nvisited O\nRiga B-LOC\n",
                ConllColumns.block(tokens, predicted, null));
        assertEquals("Kofi B-PER B-PER\nMensah I-PER I-PER\nvisited O O\nRiga B-ORG B-LOC\n",
                ConllColumns.block(tokens, predicted, List.of("B-PER", "I-PER", "O", "B-ORG")));
    }

    @Test
    void tagListsOfAnotherLengthAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConllColumns.block(List.of("a", "b"), List.of("O", "O"), List.of("O")));
        assertEquals("a sentence of 2 tokens has 2 predicted and 1 gold tags", e.getMessage());
    }
}
