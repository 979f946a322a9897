package io.ludus.projections.social.stream;

import io.ludus.events.command.PlayerCommand;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.social.SocialEvent;
import io.ludus.projections.social.friendship.Decision;
import io.ludus.projections.social.friendship.FriendshipDecider;
import io.ludus.projections.social.friendship.PairState;
import io.ludus.projections.social.friendship.SocialCommand;
import io.ludus.projections.social.friendship.SocialFact;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Runs the friendship decider on the pair's state (key: the pair), stores the new state and emits its outcome. */
final class DecidePairProcessor implements Processor<String, CheckedCommand, String, SocialOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(DecidePairProcessor.class);

    private final FriendshipDecider decider;
    private ProcessorContext<String, SocialOutput> context;
    private KeyValueStore<String, PairState> pairs;

    DecidePairProcessor(FriendshipDecider decider) {
        this.decider = decider;
    }

    @Override
    public void init(ProcessorContext<String, SocialOutput> context) {
        this.context = context;
        pairs = context.getStateStore(SocialTopology.PAIR_STORE);
    }

    @Override
    public void process(Record<String, CheckedCommand> record) {
        PlayerCommand envelope = record.value().command();
        SocialCommand command = SocialMapping.command(envelope).orElseThrow();
        PairState state = pairs.get(record.key());
        if (state == null) {
            state = PairState.empty(command.actorId(), command.otherId());
        }
        FriendshipDecider.Step step = decider.handle(state, command, record.value().actor(), record.value().other());
        Instant at = Instant.ofEpochMilli(record.timestamp());
        switch (step.decision()) {
            case Decision.Applied applied -> {
                pairs.put(record.key(), step.state());
                List<SocialFact> facts = applied.facts();
                for (int i = 0; i < facts.size(); i++) {
                    SocialEvent event = SocialEvent.newBuilder()
                            .setEventId(derivedId(envelope, i))
                            .setOccurredAt(at)
                            .setCorrelationId(envelope.getCorrelationId())
                            .setCausationId(envelope.getEventId().toString())
                            .setPayload(SocialMapping.payload(facts.get(i)))
                            .build();
                    context.forward(record.withValue(new SocialOutput.Event(event)));
                }
            }
            case Decision.Refused refused -> {
                LOG.debug("Refused {} of player {} about {}: {}", command.getClass().getSimpleName(), command.actorId(),
                        command.otherId(), refused.reason());
                CommandRefused payload = CommandRefused.newBuilder()
                        .setPlayerId(command.actorId())
                        .setCommandId(command.commandId())
                        .setReason(SocialMapping.reason(refused.reason()))
                        .setMessage(refused.reason().message())
                        .build();
                CommandRejectionEvent rejection = CommandRejectionEvent.newBuilder()
                        .setEventId(derivedId(envelope, 0))
                        .setOccurredAt(at)
                        .setCorrelationId(envelope.getCorrelationId())
                        .setCausationId(envelope.getEventId().toString())
                        .setPayload(payload)
                        .build();
                context.forward(record.withValue(new SocialOutput.Rejection(command.actorId(), rejection)));
            }
            case Decision.AlreadyApplied ignored ->
                    LOG.debug("Command {} of player {} already applied", command.commandId(), command.actorId());
        }
    }

    // the i-th output of one command keeps its id if the command is ever processed again
    private static UUID derivedId(PlayerCommand command, int index) {
        return UUID.nameUUIDFromBytes(("social|" + command.getEventId() + "|" + index).getBytes(StandardCharsets.UTF_8));
    }
}
