package io.seqpipe.retrain;

import io.seqpipe.io.Json;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON record of one retrain run, {@code <registry>/<name>/runs/<date>/<start>-<runId>.json}, rewritten after
 * every step so a run that dies still leaves what it did: {@code status} ({@code running}, {@code succeeded},
 * {@code failed}, {@code refused}), each step with its outcome ({@code ok}, {@code skipped}, {@code failed}), seconds
 * and details, the challenger's and champion's metrics, the decision and its reason, the champion before and after,
 * and the error of a failed run. A run killed while it rewrites the file may leave it truncated; such a run never
 * reached {@code succeeded}.
 */
public final class RunLog {
    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

    private final Path file;
    private final Configuration hadoop;
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> steps = new ArrayList<>();

    RunLog(Path file, Configuration hadoop) {
        this.file = file;
        this.hadoop = hadoop;
        root.put("status", "running");
        root.put("steps", steps);
    }

    public Path file() {
        return file;
    }

    void put(String key, Object value) {
        root.put(key, value);
    }

    Object get(String key) {
        return root.get(key);
    }

    void step(String name, String status, double seconds, Object detail) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("step", name);
        s.put("status", status);
        s.put("seconds", Math.round(seconds * 10) / 10.0);
        s.put("detail", detail);
        steps.add(s);
        LOG.info("retrain step {}: {} ({})", name, status, detail);
        write();
    }

    void finish(String status, String error) {
        root.put("status", status);
        root.put("finished", Instant.now().toString());
        if (error != null) {
            root.put("error", error);
        }
        write();
    }

    void write() {
        try {
            Json.writeReport(root, file, hadoop);
        } catch (RuntimeException e) {
            LOG.warn("could not write the run log {}: {}", file, e.toString());
        }
    }
}
