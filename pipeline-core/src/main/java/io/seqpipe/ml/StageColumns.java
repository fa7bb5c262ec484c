package io.seqpipe.ml;

import io.seqpipe.SeqPipeException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The column checks of SeqPipe's stages ({@code transformSchema}): an input column must exist with the type the stage
 * reads, and an output column must not exist yet. Each error names the stage, the column, the Param that names it,
 * the type expected and the type found.
 */
final class StageColumns {
    private StageColumns() {
    }

    /**
     * Fails unless {@code schema} has {@code column} of a type {@code accepts}.
     *
     * @param param    the Param naming the column, e.g. {@code inputCol}
     * @param expected the accepted types as said in the message, e.g. {@code string} or {@code string or numeric}
     */
    static void requireInput(String stage, StructType schema, String param, String column, String expected,
                             Predicate<DataType> accepts) {
        StructField field = Arrays.stream(schema.fields()).filter(f -> f.name().equals(column)).findFirst()
                .orElseThrow(() -> new SeqPipeException(stage + ": input column '" + column + "' (" + param
                        + ") is missing; expected a column of type " + expected + ", the input has columns "
                        + Arrays.toString(schema.fieldNames())));
        if (!accepts.test(field.dataType())) {
            throw new SeqPipeException(stage + ": input column '" + column + "' (" + param + ") must be of type "
                    + expected + ", found " + field.dataType().catalogString());
        }
    }

    /** Fails when {@code schema} already has {@code column}, which the stage would append. */
    static void requireAbsent(String stage, StructType schema, String param, String column) {
        if (Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new SeqPipeException(stage + ": output column '" + column + "' (" + param + ") already exists "
                    + "in the input; set " + param + " to another name");
        }
    }
}
