package io.seqpipe.tasks.tagging;

import io.seqpipe.spark.SchemaNotation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tagging DataFrames' schemas, pinned as declarations: {@link SchemaNotation#render} states the nullability of
 * every column, element and value and refuses metadata, so equal text means an equal {@code StructType}. Pure.
 */
class TaggingSchemasTest {

    @Test
    void thePreparedSentences() {
        assertEquals("""
                row BIGINT NOT NULL,
                source STRING NOT NULL,
                line BIGINT NOT NULL,
                tokens ARRAY<STRING NOT NULL> NOT NULL,
                tags ARRAY<STRING NOT NULL> NOT NULL,
                channels INT NOT NULL,
                features ARRAY<INT NOT NULL> NOT NULL,
                tag_ids ARRAY<INT NOT NULL> NOT NULL,
                truncated BOOLEAN NOT NULL""", SchemaNotation.render(TaggingData.SCHEMA));
    }

    @Test
    void thePredictionsWithTheirEntities() {
        assertEquals("""
                source STRING NOT NULL,
                line BIGINT NOT NULL,
                tokens ARRAY<STRING NOT NULL> NOT NULL,
                tags ARRAY<STRING NOT NULL> NOT NULL,
                entities ARRAY<STRUCT<text: STRING NOT NULL, type: STRING NOT NULL, start: INT NOT NULL, \
                end: INT NOT NULL> NOT NULL> NOT NULL,
                gold_tags ARRAY<STRING NOT NULL>""", SchemaNotation.render(ScoreTagger.SCHEMA));
    }
}
