package io.ludus.deploy;

import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.projections.readmodel.Projection;
import io.ludus.projections.readmodel.ReadModelCatalogue;
import io.ludus.projections.service.ProjectionsConfiguration;
import io.ludus.workers.SimWorkerConfig;
import io.micronaut.core.bind.annotation.Bindable;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What deploy/ must agree with, read from the code: the topic catalogue and the consumer groups KEDA watches. */
final class FromCode {

    private FromCode() {
    }

    /** Each catalogue topic: partitions and the configs it is created with. */
    record Topic(int partitions, Map<String, String> configs) {
    }

    static Map<String, Topic> topics() {
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (TopicSpec<String, ?> spec : Topics.ALL) {
            topics.put(spec.name(), new Topic(spec.partitions(), new TreeMap<>(spec.topicConfigs())));
        }
        return topics;
    }

    /** Per scaled service, its consumer groups and the topics each reads (default settings, no topic prefix). */
    static Map<String, Map<String, List<String>>> consumerGroups() {
        Map<String, List<String>> projections = new TreeMap<>();
        String group = projectionsGroupId();
        for (Projection projection : ReadModelCatalogue.all(List.of())) {
            projections.put(group + "." + projection.name(), projection.topics().stream().map(TopicSpec::name).toList());
        }
        return Map.of(
                "sim-workers", Map.of(SimWorkerConfig.DEFAULT_GROUP_ID, List.of(Topics.SIMULATION_REQUESTS.name())),
                "projections", projections);
    }

    /** The default of {@code ludus.projections.group-id}, as the record declares it. */
    static String projectionsGroupId() {
        RecordComponent[] components = ProjectionsConfiguration.class.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
        try {
            Parameter[] parameters = ProjectionsConfiguration.class.getDeclaredConstructor(types).getParameters();
            for (int i = 0; i < components.length; i++) {
                Bindable bindable = parameters[i].getAnnotation(Bindable.class);
                if (components[i].getName().equals("groupId") && bindable != null) {
                    return bindable.defaultValue();
                }
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("ProjectionsConfiguration declares no groupId default");
    }
}
