package io.ludus.matchmaker.topology;

import io.ludus.matchmaker.matching.Ticket;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Receives what one band sends another (tickets handed down, cancels following them) and parks it in the arrivals
 * store of its task, which {@link QueueProcessor} empties at its next pass. A separate node because a topology
 * cannot feed a processor its own output; the shared store puts both in one task.
 */
final class BandArrivals implements Processor<String, QueueInput, Void, Void> {

    private KeyValueStore<String, QueueInput> arrivals;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.arrivals = context.getStateStore(MatchmakerTopology.ARRIVALS_STORE);
    }

    @Override
    public void process(Record<String, QueueInput> record) {
        switch (record.value()) {
            case QueueInput.HandOff handOff -> arrivals.put("hand-off|" + handOff.ticket().key(), handOff);
            case QueueInput.Cancel cancel -> arrivals.put("cancel|" + Ticket.key(cancel.playerId(), cancel.ticketId()), cancel);
            case QueueInput.Open ignored -> throw new IllegalStateException("a new ticket never travels between bands");
        }
    }
}
