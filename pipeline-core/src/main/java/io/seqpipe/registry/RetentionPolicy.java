package io.seqpipe.registry;

import io.seqpipe.config.ConfigReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which versions {@code registry prune} deletes: every version except the newest {@code keep} and the ones that must
 * stay (the champion, always). Pure; versions are ordered by name, which for {@code retrain}'s date versions is their
 * date order.
 *
 * @param keep how many of the newest versions to keep besides the protected ones, {@code >= 1}
 */
public record RetentionPolicy(int keep) {
    public RetentionPolicy {
        ConfigReader.check(keep >= 1, "registry.keep", keep, ">= 1");
    }

    /**
     * The versions to delete, oldest first.
     *
     * @param versions  the committed versions, in any order
     * @param protectedVersions versions never deleted (the champion; absent names are ignored)
     */
    public List<String> toDelete(List<String> versions, Set<String> protectedVersions) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(versions));
        List<String> delete = new ArrayList<>();
        int newestKept = Math.max(0, sorted.size() - keep);
        for (int i = 0; i < newestKept; i++) {
            String v = sorted.get(i);
            if (!protectedVersions.contains(v)) {
                delete.add(v);
            }
        }
        return delete;
    }
}
