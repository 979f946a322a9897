package io.ludus.ingress.health;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.util.Map;
import java.util.concurrent.TimeUnit;

@Singleton
final class KafkaHealth extends DependencyHealth {

    private final Admin admin;

    KafkaHealth(@Named("ingress") Admin admin) {
        super("kafka");
        this.admin = admin;
    }

    @Override
    Map<String, Object> probe() throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()));
        String clusterId = cluster.clusterId().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        int brokers = cluster.nodes().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
        return Map.of("clusterId", clusterId, "brokers", brokers);
    }
}
