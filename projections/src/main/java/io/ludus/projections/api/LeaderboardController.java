package io.ludus.projections.api;

import io.ludus.projections.readmodel.ratings.Boards;
import io.ludus.projections.readmodel.ratings.Season;
import io.ludus.projections.service.ProjectionsConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Leaderboards (global, per queue, per season, per season and queue), pages by keyset and the players around the
 * caller. Ranks come from the bucket counts plus one index range inside a bucket, never from counting the board.
 */
@Controller("/v1/leaderboards")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LeaderboardController {

    private final DataSource dataSource;
    private final Leaderboards leaderboards;
    private final List<Season> seasons;

    LeaderboardController(@Named("projections") DataSource dataSource, Leaderboards leaderboards, ProjectionsConfiguration config) {
        this.dataSource = dataSource;
        this.leaderboards = leaderboards;
        this.seasons = config.parsedSeasons();
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(long rank, String playerId, @Nullable String displayName, double rating, double deviation) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(String board, List<Entry> entries, @Nullable String next) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AroundMe(String board, Entry me, List<Entry> above, List<Entry> below) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SeasonView(String id, String start, String end) {
    }

    @Get
    public Page page(@Nullable @QueryValue String queue, @Nullable @QueryValue String season,
                     @Nullable @QueryValue Integer limit, @Nullable @QueryValue String after) {
        String board = board(queue, season);
        int n = Cursor.limit(limit, 50, 200);
        String[] cursor = Cursor.decode(after);
        List<Leaderboards.Row> rows;
        if (cursor == null) {
            rows = Jdbc.list(dataSource, Leaderboards.SELECT + "ORDER BY e.rating DESC, e.player_id DESC LIMIT ?", Leaderboards::row, board, n);
        } else {
            double rating = parseRating(cursor[0], after);
            rows = Jdbc.list(dataSource, Leaderboards.SELECT + "AND (e.rating, e.player_id) < (?, ?) ORDER BY e.rating DESC, e.player_id DESC LIMIT ?",
                    Leaderboards::row, board, rating, cursor[1], n);
        }
        List<Entry> entries = new ArrayList<>();
        if (!rows.isEmpty()) {
            long first = leaderboards.rank(board, rows.getFirst().rating(), rows.getFirst().playerId());
            for (int i = 0; i < rows.size(); i++) {
                entries.add(rows.get(i).ranked(first + i));
            }
        }
        String next = rows.size() < n ? null : Cursor.encode(Double.toString(rows.getLast().rating()), rows.getLast().playerId());
        return new Page(board, entries, next);
    }

    @Get("/around-me")
    public AroundMe aroundMe(Authentication authentication, @Nullable @QueryValue String queue, @Nullable @QueryValue String season,
                             @Nullable @QueryValue Integer radius) {
        String board = board(queue, season);
        int k = radius == null ? 5 : radius;
        if (k < 1 || k > 50) {
            throw new QueryException(QueryErrorCode.INVALID_PARAMETER, "radius must be between 1 and 50, was " + k);
        }
        String me = authentication.getName();
        Leaderboards.Row mine = Jdbc.one(dataSource, Leaderboards.SELECT + "AND e.player_id = ?", Leaderboards::row, board, me);
        if (mine == null) {
            throw new QueryException(QueryErrorCode.NOT_ON_BOARD, "you are not on board " + board + " yet");
        }
        long rank = leaderboards.rank(board, mine.rating(), me);
        List<Leaderboards.Row> above = Jdbc.list(dataSource, Leaderboards.SELECT + "AND (e.rating, e.player_id) > (?, ?) ORDER BY e.rating, e.player_id LIMIT ?",
                Leaderboards::row, board, mine.rating(), me, k);
        List<Leaderboards.Row> below = Jdbc.list(dataSource, Leaderboards.SELECT + "AND (e.rating, e.player_id) < (?, ?) ORDER BY e.rating DESC, e.player_id DESC LIMIT ?",
                Leaderboards::row, board, mine.rating(), me, k);
        List<Entry> aboveEntries = new ArrayList<>();
        for (int i = 0; i < above.size(); i++) {
            aboveEntries.add(above.get(i).ranked(rank - 1 - i));
        }
        Collections.reverse(aboveEntries);
        List<Entry> belowEntries = new ArrayList<>();
        for (int i = 0; i < below.size(); i++) {
            belowEntries.add(below.get(i).ranked(rank + 1 + i));
        }
        return new AroundMe(board, mine.ranked(rank), aboveEntries, belowEntries);
    }

    @Get("/seasons")
    public List<SeasonView> seasons() {
        return seasons.stream().map(s -> new SeasonView(s.id(), s.start().toString(), s.end().toString())).toList();
    }

    private String board(String queue, String season) {
        if (queue != null) {
            Schemas.id(queue, "queue");
        }
        if (season != null && seasons.stream().noneMatch(s -> s.id().equals(season))) {
            throw new QueryException(QueryErrorCode.NOT_FOUND, "no season '" + season + "'");
        }
        return Boards.of(queue, season);
    }

    private static double parseRating(String value, String cursor) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new QueryException(QueryErrorCode.INVALID_CURSOR, "not a cursor of this list: " + cursor);
        }
    }

}
