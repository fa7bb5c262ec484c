package io.seqpipe.tasks.lm;

import io.seqpipe.lm.CutSequence;
import io.seqpipe.lm.SequenceCutter;
import io.seqpipe.lm.UnitRange;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Cuts one split's stream, held as {@link UnitPiece}s that tile it, into training sequences across Spark partitions,
 * equal to one {@link SequenceCutter} pass over the whole stream: {@link SequenceCutter#partitions} chooses owned
 * ranges at sequence starts; each piece goes (cut to size) to every partition whose
 * {@link SequenceCutter#unitsNeeded} it meets, so partition {@code p} holds its owned units plus the carry-over after
 * them; each partition assembles that range and cuts the sequences it owns. Only unit ids are shuffled, never text.
 */
public final class DistributedCut {
    private DistributedCut() {
    }

    /**
     * The sequences of a stream of {@code n} units held by {@code pieces}, cut in {@code partitions} partitions
     * (partition {@code p} holds the sequences of the {@code p}-th owned range, in index order).
     */
    public static JavaRDD<CutSequence> cut(JavaRDD<UnitPiece> pieces, long n, SequenceCutter cutter,
                                           int partitions) {
        List<UnitRange> owned = new ArrayList<>(cutter.partitions(n, partitions));
        List<UnitRange> needed = new ArrayList<>();
        for (UnitRange r : owned) {
            needed.add(cutter.unitsNeeded(r.start(), r.end(), n));
        }
        return pieces.flatMapToPair(piece -> {
            List<Tuple2<Integer, UnitPiece>> out = new ArrayList<>();
            for (int p = 0; p < needed.size(); p++) {
                UnitPiece part = piece.within(needed.get(p).start(), needed.get(p).end());
                if (part != null) {
                    out.add(new Tuple2<>(p, part));
                }
            }
            return out.iterator();
        }).partitionBy(new HashPartitioner(partitions)).mapPartitionsWithIndex((p, it) -> {
            UnitRange range = owned.get(p);
            UnitRange need = needed.get(p);
            return cut(it, need, n, range, cutter).iterator();
        }, true);
    }

    /** Assembles the units {@code need} from a partition's pieces (checked to tile it) and cuts the owned ones. */
    static List<CutSequence> cut(Iterator<Tuple2<Integer, UnitPiece>> pieces, UnitRange need, long n,
                                 UnitRange owned, SequenceCutter cutter) {
        int[] units = new int[Math.toIntExact(need.length())];
        long filled = 0;
        while (pieces.hasNext()) {
            UnitPiece piece = pieces.next()._2();
            System.arraycopy(piece.units(), 0, units, (int) (piece.start() - need.start()), piece.units().length);
            filled += piece.units().length;
        }
        if (filled != need.length()) {
            throw new IllegalStateException("the pieces of units [" + need.start() + ", " + need.end() + ") hold "
                    + filled + " units, not " + need.length() + ": they do not tile the stream");
        }
        return cutter.cut(units, need.start(), n, owned.start(), owned.end());
    }
}
