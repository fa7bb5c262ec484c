package io.seqpipe.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy and precision/recall/F1 per class, macro-averaged (unweighted mean over classes) and micro-averaged
 * (from summed counts; for single-label classification micro P = R = F1 = accuracy). A class that is never predicted
 * has precision 0; one that never occurs has recall 0 (and is still part of the macro mean), as in scikit-learn with
 * {@code zero_division=0}.
 *
 * @param auc ROC AUC for binary tasks (NaN when not computed)
 */
public record ClassificationMetrics(long examples, double accuracy, List<ClassScores> perClass, double macroPrecision,
                                    double macroRecall, double macroF1, double microPrecision, double microRecall,
                                    double microF1, double auc, long[][] confusion) {

    /** Scores of one class. */
    public record ClassScores(String label, long support, double precision, double recall, double f1) {
    }

    public static ClassificationMetrics of(ConfusionMatrix m, List<String> labels, double auc) {
        int k = m.classes();
        List<ClassScores> per = new ArrayList<>();
        double sumP = 0;
        double sumR = 0;
        double sumF = 0;
        long tpAll = 0;
        long fpAll = 0;
        long fnAll = 0;
        for (int c = 0; c < k; c++) {
            long tp = m.count(c, c);
            long predicted = m.predictedCount(c);
            long actual = m.actualCount(c);
            double p = ratio(tp, predicted);
            double r = ratio(tp, actual);
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            per.add(new ClassScores(labels.get(c), actual, p, r, f));
            sumP += p;
            sumR += r;
            sumF += f;
            tpAll += tp;
            fpAll += predicted - tp;
            fnAll += actual - tp;
        }
        double microP = ratio(tpAll, tpAll + fpAll);
        double microR = ratio(tpAll, tpAll + fnAll);
        double microF = microP + microR == 0 ? 0 : 2 * microP * microR / (microP + microR);
        return new ClassificationMetrics(m.total(), ratio(m.correct(), m.total()), List.copyOf(per), sumP / k,
                sumR / k, sumF / k, microP, microR, microF, auc, m.toArray());
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0.0 : (double) a / b;
    }

    /** Flat {@code name → value} pairs, e.g. {@code accuracy}, {@code f1.macro}, {@code recall.<label>}. */
    public Map<String, Double> flatten() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", accuracy);
        out.put("precision.macro", macroPrecision);
        out.put("recall.macro", macroRecall);
        out.put("f1.macro", macroF1);
        out.put("precision.micro", microPrecision);
        out.put("recall.micro", microRecall);
        out.put("f1.micro", microF1);
        if (!Double.isNaN(auc)) {
            out.put("auc", auc);
        }
        for (ClassScores c : perClass) {
            out.put("precision." + c.label(), c.precision());
            out.put("recall." + c.label(), c.recall());
            out.put("f1." + c.label(), c.f1());
        }
        return out;
    }
}
