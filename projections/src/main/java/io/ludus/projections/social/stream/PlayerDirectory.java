package io.ludus.projections.social.stream;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.account.AccountRenamed;
import io.ludus.events.account.AccountUnbanned;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.topic.Topics;
import io.ludus.projections.social.friendship.Party;
import io.ludus.projections.social.friendship.SocialCommand;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Optional;

/**
 * The by-player stages of the social processor, all on one store keyed by playerId: what is known about each player
 * (account exists, banned, friend count). Accounts and friend counts write it; commands read it on their way to
 * their pair.
 */
final class PlayerDirectory {

    private static Party partyOf(KeyValueStore<String, Party> players, String playerId) {
        return Optional.ofNullable(players.get(playerId)).orElse(Party.UNKNOWN);
    }

    /** Account created, renamed, banned or unbanned (key: playerId). */
    static final class ApplyAccount implements FixedKeyProcessor<String, AccountEvent, Void> {
        private KeyValueStore<String, Party> players;

        @Override
        public void init(FixedKeyProcessorContext<String, Void> context) {
            players = context.getStateStore(SocialTopology.PLAYER_STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, AccountEvent> record) {
            Party party = partyOf(players, record.key());
            Party next = switch (record.value().getPayload()) {
                case AccountCreated c -> new Party(true, party.banned(), party.friends());
                case AccountRenamed r -> new Party(true, party.banned(), party.friends());
                case AccountBanned b -> new Party(true, true, party.friends());
                case AccountUnbanned u -> new Party(true, false, party.friends());
                default -> party;
            };
            players.put(record.key(), next);
        }
    }

    /** +1 or -1 friend for the player (key: playerId), from the pair stage's own social-events. */
    static final class ApplyFriendDelta implements FixedKeyProcessor<String, Integer, Void> {
        private KeyValueStore<String, Party> players;

        @Override
        public void init(FixedKeyProcessorContext<String, Void> context) {
            players = context.getStateStore(SocialTopology.PLAYER_STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, Integer> record) {
            Party party = partyOf(players, record.key());
            players.put(record.key(), new Party(party.known(), party.banned(), Math.max(0, party.friends() + record.value())));
        }
    }

    /** Command keyed by its actor → with the actor's facts, keyed by the other player. */
    static final class AttachActor implements Processor<String, PlayerCommand, String, CheckedCommand> {
        private ProcessorContext<String, CheckedCommand> context;
        private KeyValueStore<String, Party> players;

        @Override
        public void init(ProcessorContext<String, CheckedCommand> context) {
            this.context = context;
            players = context.getStateStore(SocialTopology.PLAYER_STORE);
        }

        @Override
        public void process(Record<String, PlayerCommand> record) {
            SocialCommand command = SocialMapping.command(record.value()).orElseThrow();
            context.forward(record.withKey(command.otherId())
                    .withValue(new CheckedCommand(record.value(), partyOf(players, record.key()), Party.UNKNOWN)));
        }
    }

    /** Command keyed by the other player → with the other's facts, keyed by the pair. */
    static final class AttachOther implements Processor<String, CheckedCommand, String, CheckedCommand> {
        private ProcessorContext<String, CheckedCommand> context;
        private KeyValueStore<String, Party> players;

        @Override
        public void init(ProcessorContext<String, CheckedCommand> context) {
            this.context = context;
            players = context.getStateStore(SocialTopology.PLAYER_STORE);
        }

        @Override
        public void process(Record<String, CheckedCommand> record) {
            SocialCommand command = SocialMapping.command(record.value().command()).orElseThrow();
            CheckedCommand checked = record.value();
            context.forward(record.withKey(Topics.socialPairKey(command.actorId(), command.otherId()))
                    .withValue(new CheckedCommand(checked.command(), checked.actor(), partyOf(players, record.key()))));
        }
    }

    private PlayerDirectory() {}
}
