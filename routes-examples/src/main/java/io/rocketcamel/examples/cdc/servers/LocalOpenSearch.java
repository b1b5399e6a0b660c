package io.rocketcamel.examples.cdc.servers;

import io.rocketcamel.broker.LoopbackPorts;
import io.rocketcamel.examples.StateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.common.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single OpenSearch 2.19 node inside this JVM on free loopback ports, with only the HTTP transport module. Its
 * indices get no replicas (there is no second node to hold them) and sync their translog every 5 s instead of on
 * every write; it ignores the disk watermarks and the JVM-wide heap breaker, which would otherwise take a full shared
 * disk or the application's own heap use as reasons to refuse writes.
 */
public final class LocalOpenSearch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOpenSearch.class);

    private final OpenSearchRunner runner = new OpenSearchRunner();
    private final int httpPort = LoopbackPorts.free();

    public LocalOpenSearch(StateDirectory dataDir) {
        requireLog4jCore();
        long begin = System.nanoTime();
        // Netty's processor count is set once per JVM; the broker's and Redis's clients may already have read it
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        int transportPort = LoopbackPorts.free();
        runner.onBuild((index, settings) -> settings
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("discovery.type", "single-node")
                .put("indices.breaker.total.use_real_memory", false)
                .put("cluster.routing.allocation.disk.threshold_enabled", false));
        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(dataDir.directory("opensearch").toString())
                    .numOfNode(1)
                    .clusterName("rocketcamel-cdc")
                    .moduleTypes("org.opensearch.transport.Netty4Plugin")
                    .disableESLogger()
                    .useLogger());
            runner.ensureYellow();
            runner.client().admin().indices().preparePutTemplate("single-node")
                    .setPatterns(List.of("*"))
                    .setSettings(Settings.builder()
                            .put("index.number_of_replicas", 0)
                            // fsync the translog every 5 s, not on every write: a stand-in, like the local database
                            .put("index.translog.durability", "async")
                            // a refresh would wait up to 10 s for merges, also the one that closes a shard on shutdown
                            .put("index.merge_on_flush.enabled", false))
                    .get();
            LOG.info("Local OpenSearch on {} in {} ms", hostAddress(), (System.nanoTime() - begin) / 1_000_000);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * OpenSearch casts the Log4j API's logger context to log4j-core's; with Spring Boot's bridge to SLF4J in its
     * place it fails deep inside the node's start with a ClassCastException.
     */
    private static void requireLog4jCore() {
        if (!(LogManager.getContext(false) instanceof org.apache.logging.log4j.core.LoggerContext)) {
            throw new IllegalStateException("The local OpenSearch node needs log4j-core behind the Log4j API, not "
                    + LogManager.getContext(false).getClass().getName() + ": start the JVM with"
                    + " -Dlog4j.provider=org.apache.logging.log4j.core.impl.Log4jProvider (ExamplesApplication.main sets"
                    + " it), or set camel.component.opensearch.host-addresses to a running cluster");
        }
    }

    /** host:port of its HTTP API. */
    public String hostAddress() {
        return "127.0.0.1:" + httpPort;
    }

    @Override
    public void close() {
        try {
            runner.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the local OpenSearch node", e);
        }
    }
}
