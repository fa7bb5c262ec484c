package io.seqpipe.forecast;

import java.io.Serializable;

/** One column's affine scaling: {@code scaled = (x - center) / divisor}. */
public record ColumnScaling(double center, double divisor) implements Serializable {

    public static final ColumnScaling IDENTITY = new ColumnScaling(0, 1);

    public ColumnScaling {
        if (!Double.isFinite(center) || !Double.isFinite(divisor) || divisor == 0) {
            throw new IllegalArgumentException("a column scaling needs a finite center and a finite non-zero divisor,"
                    + " got " + center + ", " + divisor);
        }
    }

    public double apply(double x) {
        return (x - center) / divisor;
    }

    public double invert(double scaled) {
        return scaled * divisor + center;
    }
}
