package io.seqpipe.spark;

import io.seqpipe.report.ComparedRun;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsHistoryTest {

    @Test
    void theRowsOfAModelAreGatheredPerEvaluateRunOldestFirst() {
        Instant t1 = Instant.parse("2026-11-23T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-24T10:00:00Z");
        List<MetricsHistory.Entry> rows = List.of(
                new MetricsHistory.Entry("late", t2, "sentiment", "m", "dev", "accuracy", 0.9),
                new MetricsHistory.Entry("other", t1, "sentiment", "n", "dev", "accuracy", 0.1),
                new MetricsHistory.Entry("early", t1, "sentiment", "m", "dev0", "accuracy", 0.8),
                new MetricsHistory.Entry("late", t2, "sentiment", "m", "dev", "loss", 0.3),
                new MetricsHistory.Entry("early", t1, "sentiment", "m", "dev0", "loss", 0.4));
        List<ComparedRun.Evaluation> e = MetricsHistory.evaluationsOf("m", rows);
        assertEquals(List.of(new ComparedRun.Evaluation("early", "2026-11-23T10:00:00Z", "dev0",
                        Map.of("accuracy", 0.8, "loss", 0.4)),
                new ComparedRun.Evaluation("late", "2026-11-24T10:00:00Z", "dev", Map.of("accuracy", 0.9,
                        "loss", 0.3))), e);
    }

    @Test
    void int96TimestampsAreNanosOfTheDayThenTheJulianDay() {
        // 2026-11-23T10:00:00.000000123Z: Julian day 2461368 (= 2440588 + 20780 days since 1970-01-01)
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(10L * 3600 * 1_000_000_000L + 123).putInt(2_461_368);
        assertEquals(Instant.parse("2026-11-23T10:00:00.000000123Z"), MetricsHistory.int96(Binary.fromConstantByteArray(
                b.array())));
    }
}
