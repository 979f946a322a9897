package io.ludus.ingress.account;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.account.AccountUnbanned;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.events.topic.Topics;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.UUID;

/**
 * Encodes account events for the outbox in the Confluent wire format, so Debezium (with a
 * byte-array value converter) ships them to {@code account-events} unchanged.
 */
@Singleton
class AccountEventEncoder {

    private final AvroValueSerializer<AccountEvent> serializer;

    AccountEventEncoder(@Named("ingress") SchemaRegistryClient registry) {
        this.serializer = Topics.ACCOUNT_EVENTS.valueSerde(registry).serializer();
    }

    OutboxEvent accountBanned(Account account, String reason, Instant until, Instant at) {
        String accountId = account.id().toString();
        return encode(AccountBanned.newBuilder().setAccountId(accountId).setPlayerId(accountId).setReason(reason)
                .setUntil(until).build(), accountId, AccountBanned.class.getSimpleName(), at);
    }

    OutboxEvent accountUnbanned(Account account, Instant at) {
        String accountId = account.id().toString();
        return encode(AccountUnbanned.newBuilder().setAccountId(accountId).setPlayerId(accountId).build(), accountId,
                AccountUnbanned.class.getSimpleName(), at);
    }

    private OutboxEvent encode(Object payload, String accountId, String type, Instant at) {
        UUID eventId = UUID.randomUUID();
        AccountEvent event = AccountEvent.newBuilder().setEventId(eventId).setOccurredAt(at)
                .setCorrelationId(eventId.toString()).setCausationId(null).setPayload(payload).build();
        String topic = Topics.ACCOUNT_EVENTS.name();
        return new OutboxEvent(eventId, topic, accountId, type, serializer.serialize(topic, event), at);
    }

    OutboxEvent accountCreated(Account account) {
        UUID eventId = UUID.randomUUID();
        String accountId = account.id().toString();
        AccountEvent event = AccountEvent.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(account.createdAt())
                .setCorrelationId(eventId.toString())
                .setCausationId(null)
                .setPayload(AccountCreated.newBuilder()
                        .setAccountId(accountId)
                        .setPlayerId(accountId)
                        .setDisplayName(account.name())
                        .build())
                .build();
        String topic = Topics.ACCOUNT_EVENTS.name();
        return new OutboxEvent(eventId, topic, accountId, AccountCreated.class.getSimpleName(),
                serializer.serialize(topic, event), account.createdAt());
    }
}
