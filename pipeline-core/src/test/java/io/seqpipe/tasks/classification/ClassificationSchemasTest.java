package io.seqpipe.tasks.classification;

import io.seqpipe.spark.SchemaNotation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The classification DataFrames' schemas, pinned as declarations: {@link SchemaNotation#render} states the
 * nullability of every column, element and value and refuses metadata, so equal text means an equal
 * {@code StructType}. Pure.
 */
class ClassificationSchemasTest {

    @Test
    void thePreparedSequences() {
        assertEquals("""
                row BIGINT NOT NULL,
                id STRING NOT NULL,
                text STRING NOT NULL,
                label INT NOT NULL,
                label_name STRING NOT NULL,
                ids ARRAY<INT NOT NULL> NOT NULL,
                mask ARRAY<INT NOT NULL> NOT NULL,
                length INT NOT NULL,
                truncated BOOLEAN NOT NULL""", SchemaNotation.render(ClassificationData.SEQUENCE_SCHEMA));
    }

    @Test
    void thePredictions() {
        assertEquals("""
                id STRING NOT NULL,
                text STRING NOT NULL,
                predicted_label STRING NOT NULL,
                probability DOUBLE NOT NULL,
                probabilities MAP<STRING, DOUBLE NOT NULL> NOT NULL""",
                SchemaNotation.render(ScoreClassifier.PREDICTION_SCHEMA));
    }
}
