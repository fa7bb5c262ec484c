/**
 * A model registry on any Hadoop filesystem: {@code <root>/<name>/<version>/} immutable, complete model directories
 * with their evaluation, a champion per model name moved by atomic pointer files, a lock per model name, and
 * {@code registry://<name>[/<version>]} references for {@code evaluate} and {@code score}.
 *
 * <p>Pure logic, unit-tested without a filesystem: {@link io.seqpipe.registry.PromotionPolicy} (promote or not, with
 * margin and sanity gates), {@link io.seqpipe.registry.RetentionPolicy} (what prune deletes),
 * {@link io.seqpipe.registry.RegistryNames}, {@link io.seqpipe.registry.ModelReference} and the pointer file naming of
 * {@link io.seqpipe.registry.ChampionPointer}. IO: {@link io.seqpipe.registry.ModelRegistry},
 * {@link io.seqpipe.registry.RegistryLock}, {@link io.seqpipe.registry.ModelPathResolver}.
 */
package io.seqpipe.registry;
