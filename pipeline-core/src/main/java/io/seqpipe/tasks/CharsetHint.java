package io.seqpipe.tasks;

import io.seqpipe.data.RejectReason;

import java.util.Collection;
import java.util.Map;

/**
 * What a job summary says when lines were rejected as {@code undecodable_bytes}: how many, which charset they were
 * decoded with, and what to do about it (set the task's charset key, or convert the files when the task reads one
 * fixed charset). The one place every task builds this note from, for its console summary and its
 * {@code summary.json}.
 *
 * @param charset          the charset the input was decoded with
 * @param charsetKey       the config key that sets it, or null when the task reads only {@code charset}
 * @param undecodableLines records (lines, or sentences of column files) rejected as {@code undecodable_bytes} (&gt; 0)
 * @param message          the advice, one sentence, as printed
 */
public record CharsetHint(String charset, String charsetKey, long undecodableLines, String message) {

    /** The hint for these splits' counts, or null when none of their lines was undecodable. */
    public static CharsetHint of(String charset, String charsetKey, Collection<SplitCounts> counts) {
        return of(charset, charsetKey, counts.stream()
                .mapToLong(c -> c.rejectedByReason().getOrDefault(RejectReason.UNDECODABLE_BYTES.code(), 0L)).sum());
    }

    /** The hint for rejects counted by reason code, or null when none was undecodable. */
    public static CharsetHint of(String charset, String charsetKey, Map<String, Long> rejectedByReason) {
        return of(charset, charsetKey, rejectedByReason.getOrDefault(RejectReason.UNDECODABLE_BYTES.code(), 0L));
    }

    /** The hint for {@code undecodableLines} undecodable lines, or null when there are none. */
    public static CharsetHint of(String charset, String charsetKey, long undecodableLines) {
        if (undecodableLines <= 0) {
            return null;
        }
        String message = undecodableLines + " rejected as " + RejectReason.UNDECODABLE_BYTES.code() + ": the bytes are"
                + " not valid " + charset + ", the charset the input was read with; "
                + (charsetKey != null
                ? "if the files use another encoding, set " + charsetKey + " (e.g. --set " + charsetKey
                + "=windows-1252 or ISO-8859-1)"
                : "this task reads " + charset + " only: convert the files first (e.g. iconv -f windows-1252 -t "
                + charset + ")");
        return new CharsetHint(charset, charsetKey, undecodableLines, message);
    }

    /** The console line, e.g. {@code charset: 3 rejected as undecodable_bytes: the bytes are not valid UTF-8, ...}. */
    public String describe() {
        return "charset: " + message;
    }
}
