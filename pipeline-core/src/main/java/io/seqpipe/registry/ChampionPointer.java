package io.seqpipe.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One champion pointer file, {@code <root>/<name>/CHAMPION/<sequence>.json}. The champion of a model name is the
 * version named by the pointer with the highest sequence number. A promotion or rollback never rewrites a pointer: it
 * writes the next one to a hidden temporary file and renames it to the next free sequence number. A rename to a new
 * name is atomic on HDFS and on local disks, so a reader sees the old champion or the new one, never a partial file,
 * and no step of a crash can leave the registry without a champion it had. The older pointers are the promotion
 * history ({@code registry show} prints it; {@code rollback} goes back along it).
 *
 * @param sequence the pointer's number (1 for the first promotion)
 * @param version  the champion version
 * @param previous the version that was champion before, or null
 * @param action   {@code promote} (retrain or registry promote) or {@code rollback}
 * @param reason   why, in words (retrain writes its decision's reason)
 * @param time     ISO-8601 instant of the change
 * @param runId    the retrain run that made the change, or null for a manual one
 */
public record ChampionPointer(long sequence, String version, String previous, String action, String reason,
                              String time, String runId) {
    private static final Pattern FILE = Pattern.compile("(\\d{8})\\.json");

    /** The file name of pointer {@code sequence}, e.g. {@code 00000007.json}. */
    public static String fileName(long sequence) {
        return String.format("%08d.json", sequence);
    }

    /** The sequence number of a pointer file name, or empty for any other name (temporary files, strays). */
    public static OptionalLong sequenceOf(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The highest sequence among {@code fileNames}, or 0 when there is no pointer yet. */
    public static long latestSequence(Collection<String> fileNames) {
        return fileNames.stream().map(ChampionPointer::sequenceOf).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max().orElse(0);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", sequence);
        m.put("version", version);
        m.put("previous", previous);
        m.put("action", action);
        m.put("reason", reason);
        m.put("time", time);
        m.put("runId", runId);
        return m;
    }

    public static ChampionPointer fromJson(Map<String, Object> m) {
        return new ChampionPointer(((Number) m.get("sequence")).longValue(), (String) m.get("version"),
                (String) m.get("previous"), (String) m.get("action"), (String) m.get("reason"),
                (String) m.get("time"), (String) m.get("runId"));
    }
}
