package io.seqpipe.forecast.ets;

import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.PlainCsv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference values of R's forecast package in {@code fixtures/timeseries/ets-reference} (written by
 * {@code ets-reference.R} there) and the series they were computed on, read from {@code ../shared/datasets}.
 */
final class EtsReference {
    private EtsReference() {
    }

    /**
     * One case of {@code models.csv} with its values from {@code values.csv}: an {@code ets()} fit, or a
     * {@code HoltWinters()} fit as the equivalent ETS filter started at step {@code start} (log-likelihood and AICc
     * NaN).
     */
    record Case(String name, String seriesFile, int seasonLength, int trainLength, int start, EtsForm form,
                EtsParameters parameters, double logLikelihood, double aicc, double mse, double[] fitted,
                double[] forecast, Map<Integer, double[]> rolling, String forecastMethod) {

        boolean holtWinters() {
            return forecastMethod.equals("HoltWinters");
        }

        boolean etsforecast() {
            return forecastMethod.equals("etsforecast");
        }
    }

    static Map<String, Case> cases() {
        List<Map<String, String>> models = read("models.csv");
        List<Map<String, String>> values = read("values.csv");
        Map<String, Case> cases = new LinkedHashMap<>();
        for (Map<String, String> row : models) {
            String name = row.get("case");
            EtsForm form = EtsForm.parse(row.get("model"));
            int m = Integer.parseInt(row.get("seasonLength"));
            double[] states = Arrays.stream(row.get("initialStates").split(" ")).mapToDouble(Double::parseDouble)
                    .toArray();
            EtsParameters p = new EtsParameters(number(row.get("alpha"), 0), number(row.get("beta"), 0),
                    number(row.get("gamma"), 0), number(row.get("phi"), 1), form.seasonal() ? m : 1, states);
            Map<Integer, List<Double>> rolling = new LinkedHashMap<>();
            List<Double> fitted = new ArrayList<>();
            List<Double> forecast = new ArrayList<>();
            for (Map<String, String> v : values) {
                if (!v.get("case").equals(name)) {
                    continue;
                }
                double value = Double.parseDouble(v.get("value"));
                switch (v.get("kind")) {
                    case "fitted" -> fitted.add(value);
                    case "forecast" -> forecast.add(value);
                    case "rolling" -> rolling.computeIfAbsent(Integer.parseInt(v.get("origin")),
                            k -> new ArrayList<>()).add(value);
                    default -> throw new IllegalStateException("unknown kind " + v);
                }
            }
            Map<Integer, double[]> rollingArrays = new LinkedHashMap<>();
            rolling.forEach((origin, list) -> rollingArrays.put(origin, array(list)));
            cases.put(name, new Case(name, row.get("series"), m, Integer.parseInt(row.get("trainLength")),
                    Integer.parseInt(row.get("start")), form, p, number(row.get("loglik"), Double.NaN),
                    number(row.get("aicc"), Double.NaN), Double.parseDouble(row.get("mse")), array(fitted),
                    array(forecast), rollingArrays, row.get("forecastMethod")));
        }
        return cases;
    }

    /** The values (second column) of a CSV in {@code ../shared/datasets/timeseries}. */
    static double[] series(String file) {
        try {
            List<String> lines = Files.readAllLines(Fixtures.sharedDataset("timeseries/" + file));
            double[] y = new double[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                String[] fields = lines.get(i).strip().split(",");
                y[i - 1] = Double.parseDouble(fields[1]);
            }
            return y;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, String>> read(String file) {
        try {
            Path p = Fixtures.fixture("timeseries/ets-reference/" + file);
            return PlainCsv.readWithHeader(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double number(String field, double absent) {
        return field == null || field.isEmpty() ? absent : Double.parseDouble(field);
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
