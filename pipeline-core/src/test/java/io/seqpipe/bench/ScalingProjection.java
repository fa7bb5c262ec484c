package io.seqpipe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The cost model of SeqPipe's parameter-averaging trainer and the time-to-accuracy it projects for n nodes of c cores
 * (k = n·c workers). Pure arithmetic: {@link RoundCostBenchmark} measures the inputs and writes the projection.
 *
 * <pre>
 *   round(P, k)      = fixed(P, k) + network(P, n, k) + H · t_minibatch · contention(c)
 *   fixed(P, k)      = a + b·k + c·P + d·P·k                       (measured in local[k], {@link FixedCost#fit})
 *   network(P, n, k) = 4 bytes · S·P · (1 + shuffleInbound(k) + driverInbound(k)) / bandwidth   (0 on one machine)
 *   rounds(k)        = max(1, examplesNeeded(k) / (k · H · B))
 *   timeToTarget     = rounds(k) · round(P, k)
 * </pre>
 * S = 3 arrays of P floats travel each way per worker and round (parameters and Adam's two moments: the broadcast
 * holds both, each worker returns both); the driver's inbound count follows Spark's {@code treeAggregate} of depth 2,
 * which dl4j-spark uses to sum the workers' results ({@link #treeAggregateLevels}).
 */
public final class ScalingProjection {
    private ScalingProjection() {
    }

    /** fixed(P, k) = a + b·k + c·P + d·P·k seconds: the part of an averaging round that is not minibatch compute. */
    public record FixedCost(double a, double b, double c, double d) {
        public double seconds(double params, int k) {
            return a + b * k + c * params + d * params * k;
        }

        /**
         * Least squares of {@code fixed} against (1, k, P, P·k), each point weighted by 1/max(fixed, 1 ms)², i.e. the
         * relative error is minimized, so the 10 ms rounds of small networks count as much as the seconds of large
         * ones.
         */
        public static FixedCost fit(double[] params, int[] k, double[] fixed) {
            double[][] ata = new double[4][4];
            double[] atb = new double[4];
            for (int i = 0; i < fixed.length; i++) {
                double[] x = {1, k[i], params[i], params[i] * k[i]};
                double w = 1 / Math.pow(Math.max(fixed[i], 1e-3), 2);
                for (int r = 0; r < 4; r++) {
                    atb[r] += w * x[r] * fixed[i];
                    for (int c = 0; c < 4; c++) {
                        ata[r][c] += w * x[r] * x[c];
                    }
                }
            }
            double[] beta = solve(ata, atb);
            return new FixedCost(beta[0], beta[1], beta[2], beta[3]);
        }
    }

    /** Gaussian elimination with partial pivoting (columns scaled first: P is ~10⁶ where k is ~1). */
    static double[] solve(double[][] m, double[] v) {
        int n = v.length;
        double[] scale = new double[n];
        double[][] a = new double[n][n + 1];
        for (int c = 0; c < n; c++) {
            for (int r = 0; r < n; r++) {
                scale[c] = Math.max(scale[c], Math.abs(m[r][c]));
            }
            scale[c] = scale[c] == 0 ? 1 : scale[c];
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                a[r][c] = m[r][c] / scale[c];
            }
            a[r][n] = v[r];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            if (a[col][col] == 0) {
                throw new IllegalArgumentException("singular system: need at least 4 distinct (P, k) points");
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = a[r][n] / a[r][r] / scale[r];
        }
        return x;
    }

    /**
     * The partitions after each level of Spark's {@code treeAggregate(depth 2)} over k partitions: while
     * {@code partitions > scale + ceil(partitions / scale)} (scale = max(ceil(k^(1/2)), 2)) they are shuffled down to
     * {@code partitions / scale}. The last entry is how many partial sums the driver receives.
     */
    static List<Integer> treeAggregateLevels(int k) {
        List<Integer> levels = new ArrayList<>(List.of(k));
        int scale = Math.max((int) Math.ceil(Math.pow(k, 0.5)), 2);
        int partitions = k;
        while (partitions > scale + (int) Math.ceil(partitions / (double) scale)) {
            partitions /= scale;
            levels.add(partitions);
        }
        return levels;
    }

    /**
     * Seconds per round moving parameters and updater state over the network: the broadcast (one copy through the
     * driver's link: BitTorrent-style, the nodes pass blocks on among themselves), each shuffle level of the tree
     * aggregation (a reducer receives ceil(partitions / next) results) and the driver's final receive.
     *
     * @param floatsPerWorker S·P floats each way per worker (3·P with Adam)
     * @param bytesPerSecond  link bandwidth
     */
    public static double networkSeconds(double floatsPerWorker, int k, double bytesPerSecond) {
        List<Integer> levels = treeAggregateLevels(k);
        double copies = 1; // broadcast
        for (int i = 1; i < levels.size(); i++) {
            copies += Math.ceil(levels.get(i - 1) / (double) levels.get(i));
        }
        copies += levels.get(levels.size() - 1);
        return 4 * floatsPerWorker * copies / bytesPerSecond;
    }

    /**
     * Examples needed to reach the target at k workers: the measured figure where there is one; between two measured
     * k, linear in log2 k; beyond the largest (or below the smallest), the nearest segment's slope per doubling
     * carried on ({@link #extrapolated}).
     */
    public static double examplesNeeded(NavigableMap<Integer, Double> measured, int k) {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("no examples-to-target figures");
        }
        Double exact = measured.get(k);
        if (exact != null) {
            return exact;
        }
        if (measured.size() == 1) {
            return measured.firstEntry().getValue();
        }
        Map.Entry<Integer, Double> lo = measured.lowerEntry(k);
        Map.Entry<Integer, Double> hi = measured.higherEntry(k);
        if (lo == null) {
            lo = measured.firstEntry();
            hi = measured.higherEntry(lo.getKey());
        } else if (hi == null) {
            hi = measured.lastEntry();
            lo = measured.lowerEntry(hi.getKey());
        }
        double x0 = log2(lo.getKey());
        double x1 = log2(hi.getKey());
        double slope = (hi.getValue() - lo.getValue()) / (x1 - x0);
        return lo.getValue() + slope * (log2(k) - x0);
    }

    public static boolean extrapolated(NavigableMap<Integer, Double> measured, int k) {
        return k < measured.firstKey() || k > measured.lastKey();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Everything the projection needs.
     *
     * @param fixed            fixed(P, k)
     * @param params           P
     * @param minibatchSeconds compute per minibatch of one worker alone
     * @param contention       slowdown of a minibatch when every core of a node runs a worker (applied for c ≥ 2)
     * @param averaging        H, minibatches per worker and round
     * @param batch            B
     * @param floatsPerWorker  S·P
     * @param bytesPerSecond   network bandwidth; the network term applies when {@code networked}
     * @param examplesNeeded   measured {k: examples to reach the target}
     */
    public record Inputs(FixedCost fixed, double params, double minibatchSeconds, double contention, int averaging,
                         int batch, double floatsPerWorker, double bytesPerSecond,
                         NavigableMap<Integer, Double> examplesNeeded) {
        public Inputs {
            examplesNeeded = new TreeMap<>(examplesNeeded);
        }
    }

    /** One (n, c) of the projection. */
    public record Point(int nodes, int cores, int workers, double fixedSeconds, double networkSeconds,
                        double computeSeconds, double roundSeconds, double examplesNeeded, boolean extrapolated,
                        double rounds, double secondsToTarget, double speedUp, double efficiency) {
    }

    public static double computeSeconds(Inputs in, int cores) {
        return in.averaging() * in.minibatchSeconds() * (cores >= 2 ? in.contention() : 1);
    }

    /** Time to the target on n nodes of c cores; the speed-up is against one node of one core (k = 1). */
    public static Point project(Inputs in, int nodes, int cores, boolean networked) {
        int k = nodes * cores;
        double fixed = in.fixed().seconds(in.params(), k);
        double network = networked ? networkSeconds(in.floatsPerWorker(), k, in.bytesPerSecond()) : 0;
        double compute = computeSeconds(in, cores);
        double round = fixed + network + compute;
        double examples = examplesNeeded(in.examplesNeeded(), k);
        // at least one round: beyond k = examples / (H·B) more workers cannot shorten training
        double rounds = Math.max(1, examples / ((double) k * in.averaging() * in.batch()));
        double seconds = rounds * round;
        double single = Math.max(1, examplesNeeded(in.examplesNeeded(), 1) / ((double) in.averaging() * in.batch()))
                * (in.fixed().seconds(in.params(), 1)
                + (networked ? networkSeconds(in.floatsPerWorker(), 1, in.bytesPerSecond()) : 0)
                + computeSeconds(in, 1));
        return new Point(nodes, cores, k, fixed, network, compute, round, examples,
                extrapolated(in.examplesNeeded(), k), rounds, seconds, single / seconds, single / seconds / k);
    }

    /**
     * The smallest k (a whole number of nodes of {@code cores} cores, up to {@code maxWorkers}) at which the round's
     * overhead (fixed + network) reaches its compute; {@code -1} when it never does in that range.
     */
    public static int overheadEqualsCompute(Inputs in, int cores, boolean networked, int maxWorkers) {
        for (int n = 1; n * cores <= maxWorkers; n++) {
            Point p = project(in, n, cores, networked);
            if (p.fixedSeconds() + p.networkSeconds() >= p.computeSeconds()) {
                return p.workers();
            }
        }
        return -1;
    }

    /**
     * The smallest k (a power-of-two number of nodes of {@code cores} cores, up to {@code maxWorkers}) whose parallel
     * efficiency (speed-up / k) is below {@code threshold}; {@code -1} when none is.
     */
    public static int efficiencyBelow(Inputs in, int cores, boolean networked, int maxWorkers, double threshold) {
        for (int n = 1; n * cores <= maxWorkers; n *= 2) {
            Point p = project(in, n, cores, networked);
            if (p.efficiency() < threshold) {
                return p.workers();
            }
        }
        return -1;
    }

    /** The k (a power-of-two number of nodes of {@code cores} cores, up to {@code maxWorkers}) with the shortest time. */
    public static Point fastest(Inputs in, int cores, boolean networked, int maxWorkers) {
        Point best = null;
        for (int n = 1; n * cores <= maxWorkers; n *= 2) {
            Point p = project(in, n, cores, networked);
            if (best == null || p.secondsToTarget() < best.secondsToTarget()) {
                best = p;
            }
        }
        return best;
    }

    /**
     * Seconds per epoch predicted for a run of {@code examples} examples on k workers (each worker's c ≥ 2 means
     * contention), with the epoch plan's own time: {@code plan + ceil(examples / (k·H·B)) · round}.
     */
    public static double epochSeconds(Inputs in, long examples, int workers, int coresPerNode, double planSeconds,
                                      boolean networked) {
        double rounds = Math.ceil(examples / ((double) workers * in.averaging() * in.batch()));
        double round = in.fixed().seconds(in.params(), workers) + computeSeconds(in, coresPerNode)
                + (networked ? networkSeconds(in.floatsPerWorker(), workers, in.bytesPerSecond()) : 0);
        return planSeconds + rounds * round;
    }
}
