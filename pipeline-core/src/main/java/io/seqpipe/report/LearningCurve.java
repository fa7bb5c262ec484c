package io.seqpipe.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training loss and validation metric per epoch, read from the {@code history} of a model's {@code provenance.json}
 * (one map per epoch: {@code epoch}, {@code loss}, the validation metric, {@code seconds}, {@code examplesPerSecond}).
 *
 * @param validationName the validation metric's name as the provenance's {@code metrics} names its best value
 *                       (e.g. {@code validationAccuracy}), else the history's key
 * @param validation     NaN for an epoch without validation
 */
public record LearningCurve(List<Integer> epochs, List<Double> loss, String validationName, List<Double> validation) {
    private static final Set<String> NOT_VALIDATION = Set.of("epoch", "loss", "seconds", "examplesPerSecond");

    public LearningCurve {
        epochs = List.copyOf(epochs);
        loss = List.copyOf(loss);
        validation = List.copyOf(validation);
        if (loss.size() != epochs.size() || validation.size() != epochs.size()) {
            throw new IllegalArgumentException("one loss and one validation value per epoch: " + epochs.size()
                    + " epochs, " + loss.size() + " losses, " + validation.size() + " validation values");
        }
    }

    /**
     * The curve of a provenance's {@code history} and {@code metrics}; empty without history. The validation metric
     * is the history's one numeric key besides epoch, loss, seconds and examplesPerSecond.
     */
    public static LearningCurve fromProvenance(List<Map<String, Object>> history, Map<String, Object> metrics) {
        List<Integer> epochs = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        String key = null;
        for (Map<String, Object> h : history == null ? List.<Map<String, Object>>of() : history) {
            if (key == null) {
                key = h.keySet().stream().filter(k -> !NOT_VALIDATION.contains(k)).findFirst().orElse(null);
            }
            epochs.add(number(h.get("epoch")).intValue());
            loss.add(number(h.get("loss")).doubleValue());
            validation.add(key == null ? Double.NaN : number(h.get(key)).doubleValue());
        }
        String name = key == null ? "validation" : key;
        if (metrics != null) {
            name = metrics.keySet().stream().filter(k -> !k.equals("trainLoss")).findFirst().orElse(name);
        }
        return new LearningCurve(epochs, loss, name, validation);
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : Double.NaN;
    }

    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    /** Whether any epoch has a validation value. */
    public boolean hasValidation() {
        return validation.stream().anyMatch(v -> !v.isNaN());
    }
}
