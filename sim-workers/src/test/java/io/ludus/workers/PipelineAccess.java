package io.ludus.workers;

import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.testkit.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/** {@link Pipeline} for tests outside this package. */
public final class PipelineAccess {

    private final Pipeline pipeline;

    private PipelineAccess(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static PipelineAccess create(TestKafka kafka, String registryUrl, String name) {
        return new PipelineAccess(Pipeline.create(kafka, registryUrl, name, 1));
    }

    public String prefix() {
        return pipeline.prefix;
    }

    public void produceValid(int count) {
        pipeline.produce(pipeline.validRequests(count));
    }

    public List<SimulationResultEvent> awaitResults(int count) {
        return pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, count).stream()
                .map(ConsumerRecord::value).toList();
    }
}
