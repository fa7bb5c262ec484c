package io.seqpipe.spark;

import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one rejects writer's schema and rows, for both scopes (split and stage). */
class RejectsOutputTest {

    @Test
    void theScopeColumnComesFirstThenTheRejectionWithItsOneBasedLine() {
        assertEquals(List.of("split", "source", "offset", "reason", "detail", "line"),
                List.of(RejectsOutput.SCHEMA.fieldNames()));
        assertEquals(List.of("stage", "source", "offset", "reason", "detail", "line"),
                List.of(RejectsOutput.schema(RejectsOutput.STAGE).fieldNames()));
        assertEquals(List.of(false, false, false, false, true, true), List.of(RejectsOutput.SCHEMA.fields()).stream()
                .map(f -> f.nullable()).toList());
    }

    @Test
    void aRowMasksThePasswordOfItsSource() {
        Row row = RejectsOutput.row("parse", new Rejection("hdfs://ann:secret@nn:8020/in.csv", 7,
                RejectReason.WRONG_COLUMN_COUNT, "2 columns, expected 3", "a,b"));
        assertEquals("parse", row.getString(0));
        assertEquals(false, row.getString(1).contains("secret"), row.getString(1));
        assertEquals(7L, row.getLong(2));
        assertEquals("wrong_column_count", row.getString(3));
        assertEquals("a,b", row.getString(5));
    }
}
