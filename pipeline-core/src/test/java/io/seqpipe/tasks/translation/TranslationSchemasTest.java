package io.seqpipe.tasks.translation;

import io.seqpipe.spark.SchemaNotation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The translation DataFrames' schemas, pinned as declarations: {@link SchemaNotation#render} states the nullability of
 * every column, element and value and refuses metadata, so equal text means an equal {@code StructType}. Pure.
 */
class TranslationSchemasTest {

    @Test
    void thePreparedPairs() {
        assertEquals("""
                row BIGINT NOT NULL,
                origin STRING NOT NULL,
                line BIGINT NOT NULL,
                source STRING NOT NULL,
                target STRING NOT NULL,
                source_ids ARRAY<INT NOT NULL> NOT NULL,
                decoder_input ARRAY<INT NOT NULL> NOT NULL,
                decoder_output ARRAY<INT NOT NULL> NOT NULL""", SchemaNotation.render(TranslationData.SCHEMA));
    }

    @Test
    void theTranslations() {
        assertEquals("""
                source STRING NOT NULL,
                line BIGINT NOT NULL,
                text STRING NOT NULL,
                source_tokens ARRAY<STRING NOT NULL> NOT NULL,
                translation STRING NOT NULL,
                translation_tokens ARRAY<STRING NOT NULL> NOT NULL,
                log_prob DOUBLE NOT NULL,
                finished BOOLEAN NOT NULL,
                attention ARRAY<ARRAY<FLOAT NOT NULL> NOT NULL>""", SchemaNotation.render(ScoreTranslator.SCHEMA));
    }
}
