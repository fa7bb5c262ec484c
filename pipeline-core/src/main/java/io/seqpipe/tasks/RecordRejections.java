package io.seqpipe.tasks;

import io.seqpipe.data.Rejection;

import java.io.Serializable;
import java.util.List;

/**
 * How a task's record (a parsed line, a sentence, an encoded pair) says whether it was used: its rejections, empty
 * when it was. The first rejection is the one a record is counted under ({@link RejectsAccounting}); every rejection
 * becomes a reject row. Serializable, so it runs on the executors.
 */
@FunctionalInterface
public interface RecordRejections<T> extends Serializable {
    List<Rejection> of(T record);

    /** For records that hold at most one rejection, null when used. */
    static <T> RecordRejections<T> single(SingleRejection<T> rejection) {
        return record -> {
            Rejection r = rejection.of(record);
            return r == null ? List.of() : List.of(r);
        };
    }

    /** A record's one rejection, or null when it was used. */
    @FunctionalInterface
    interface SingleRejection<T> extends Serializable {
        Rejection of(T record);
    }
}
