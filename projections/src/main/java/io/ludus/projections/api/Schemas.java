package io.ludus.projections.api;

import io.ludus.projections.readmodel.ReadModelSchemas;
import io.ludus.projections.readmodel.history.HistoryProjection;
import io.ludus.projections.readmodel.players.PlayersProjection;
import io.ludus.projections.readmodel.ratings.RatingsProjection;
import io.ludus.projections.readmodel.reports.ReportsProjection;
import io.ludus.projections.readmodel.social.SocialProjection;
import io.ludus.projections.readmodel.stats.StatsProjection;

import java.util.regex.Pattern;

/** Live schema names the queries qualify their tables with (a rebuild's rename makes them the rebuilt tables). */
final class Schemas {

    static final String PLAYERS = ReadModelSchemas.live(PlayersProjection.NAME);
    static final String STATS = ReadModelSchemas.live(StatsProjection.NAME);
    static final String RATINGS = ReadModelSchemas.live(RatingsProjection.NAME);
    static final String HISTORY = ReadModelSchemas.live(HistoryProjection.NAME);
    static final String SOCIAL = ReadModelSchemas.live(SocialProjection.NAME);
    static final String REPORTS = ReadModelSchemas.live(ReportsProjection.NAME);
    static final String OPS = ReadModelSchemas.OPS;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private Schemas() {
    }

    /** Player, queue and season ids in paths and parameters: bounded and plain, or INVALID_PARAMETER. */
    static String id(String value, String name) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new QueryException(QueryErrorCode.INVALID_PARAMETER, name + " is not a valid id");
        }
        return value;
    }
}
