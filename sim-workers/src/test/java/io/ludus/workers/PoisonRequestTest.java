package io.ludus.workers;

import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationFailed;
import io.ludus.events.simulation.SimulationFailureReason;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests built to hurt the mapping and validation step: each fails on its own and the partition goes on. */
@Tag("integration")
@Timeout(180)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class PoisonRequestTest {

    @TempDir
    Path replays;

    @Test
    void hostileLoadoutsBecomeSimulationFailedAndLaterRequestsStillRun(TestKafka kafka, TestSchemaRegistry registry) {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "hostile", 1);
        RandomLoadouts loadouts = new RandomLoadouts(Pipeline.PACK);
        BattleSetup good = loadouts.battle(1, 3, 3);
        Tactics.TargetRule target = new Tactics.TargetRule(Tactics.Side.ENEMY, Tactics.Filter.ANY, Integer.MIN_VALUE, Tactics.Order.NEAREST);
        List<String> manyAbilities = IntStream.range(0, 2_000).mapToObj(i -> "ability-" + i).toList();
        List<Tactics.AbilityRule> manyRules = IntStream.range(0, 2_000).mapToObj(i -> new Tactics.AbilityRule("ability-" + i, target)).toList();
        UnitLoadout huge = new UnitLoadout("", manyAbilities, new Tactics(manyRules, List.of(target, target, target)));
        List<UnitLoadout> manyUnits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            manyUnits.add(huge);
        }
        BattleSetup oversized = new BattleSetup(good.contentVersion(), 2, new TeamLoadout("", manyUnits), new TeamLoadout("", List.of()));
        BattleSetup empty = new BattleSetup(good.contentVersion(), 3, new TeamLoadout("", List.of()), new TeamLoadout("", List.of()));
        String oversizedId = pipeline.matchId("oversized");
        String emptyId = pipeline.matchId("empty");
        String last = pipeline.matchId("last");
        pipeline.produce(List.of(Pipeline.request(oversizedId, oversized), Pipeline.request(emptyId, empty),
                Pipeline.request(last, loadouts.battle(5, 3, 3))));

        try (SimulationWorker worker = new SimulationWorker(pipeline.config(replays.toUri()), pipeline.registry,
                new FileSystemReplayStore(replays), Clock.systemUTC(), new SimpleMeterRegistry())) {
            worker.start();
            pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, 3);
        }

        List<ConsumerRecord<String, SimulationResultEvent>> results = pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class);
        assertThat(results.stream().map(ConsumerRecord::key)).containsExactly(oversizedId, emptyId, last);
        assertThat(((SimulationFailed) results.get(0).value().getPayload()).getReason()).isEqualTo(SimulationFailureReason.INVALID_LOADOUT);
        assertThat(((SimulationFailed) results.get(1).value().getPayload()).getReason()).isEqualTo(SimulationFailureReason.INVALID_LOADOUT);
        assertThat(results.get(2).value().getPayload()).isInstanceOf(SimulationCompleted.class);
    }
}
