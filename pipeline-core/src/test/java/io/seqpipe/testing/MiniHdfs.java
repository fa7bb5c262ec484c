package io.seqpipe.testing;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;

/** A real in-process HDFS (NameNode + 1 DataNode) on 127.0.0.1 for tests; starts in a few seconds. */
public final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;
    private final String uri;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
        this.uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    public static MiniHdfs start(String name) {
        try {
            Configuration conf = new Configuration();
            File base = Files.createTempDirectory("minidfs-" + name).toFile();
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getPath());
            conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
            MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
            cluster.waitActive();
            return new MiniHdfs(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code hdfs://127.0.0.1:port} + path. */
    public String uri(String path) {
        return uri + path;
    }

    public FileSystem fs() {
        try {
            return FileSystem.get(URI.create(uri), new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a local file to {@code hdfsPath} and returns its hdfs:// URI. */
    public String upload(java.nio.file.Path local, String hdfsPath) {
        try {
            fs().copyFromLocalFile(new Path(local.toUri()), new Path(hdfsPath));
            return uri(hdfsPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String hdfsPath) {
        try (var in = fs().open(new Path(hdfsPath))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String hdfsPath) {
        try {
            return fs().exists(new Path(hdfsPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        cluster.shutdown();
    }
}
