package io.ludus.replay.format;

import io.ludus.sim.BattleEventSink;

import java.io.IOException;

/** Decodes the body of one format version; {@link ReplayReader} picks the decoder by version. */
sealed interface FrameDecoder extends AutoCloseable permits V1Decoder {

    ReplayHeader header();

    /** Emits the next frame into {@code sink}; returns null while frames remain, the end once reached. */
    ReplayEnd next(BattleEventSink sink) throws IOException;

    @Override
    void close() throws IOException;
}
