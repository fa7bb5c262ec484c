import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.File;
import java.util.concurrent.CountDownLatch;

/**
 * A single-node HDFS (NameNode + one DataNode, Hadoop's MiniDFSCluster) in one JVM, for trying SeqPipe's cluster
 * workflow on one machine. Run as a single-file program (start-hdfs.sh does this):
 * <pre>
 *   java -cp "DIR/jars/*" scripts/cluster/MiniHdfsServer.java --port 8020 --data target/hdfs
 * </pre>
 * Binds to 127.0.0.1 only. Keeps its data under --data: a restart over an existing directory serves the same files
 * (the directory is formatted only when it is new). Prints "HDFS ready at hdfs://127.0.0.1:PORT" once it accepts
 * clients, and shuts down cleanly on SIGTERM.
 */
public final class MiniHdfsServer {
    public static void main(String[] args) throws Exception {
        int port = 8020;
        File data = new File("target/hdfs");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = new File(args[++i]);
                default -> {
                    System.err.println("usage: MiniHdfsServer [--port 8020] [--data DIR]");
                    System.exit(2);
                }
            }
        }
        boolean fresh = !new File(data, "name-0-1/current").isDirectory();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, data.getAbsolutePath());
        conf.set("dfs.namenode.rpc-address", "127.0.0.1:" + port);
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        // anyone on this machine may write (no Kerberos, no HDFS users set up on a laptop)
        conf.setBoolean("dfs.permissions.enabled", false);
        conf.setInt("dfs.replication", 1);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).nameNodePort(port).numDataNodes(1)
                .format(fresh).manageNameDfsDirs(true).manageDataDfsDirs(true).build();
        cluster.waitActive();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.shutdown();
            stopped.countDown();
        }));
        System.out.println("HDFS ready at hdfs://127.0.0.1:" + cluster.getNameNodePort() + " (data in "
                + data.getAbsolutePath() + (fresh ? ", newly formatted)" : ", reused)"));
        System.out.flush();
        stopped.await();
    }
}
