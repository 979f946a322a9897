package io.ludus.projections.readmodel;

import io.ludus.projections.readmodel.history.HistoryProjection;
import io.ludus.projections.readmodel.players.PlayersProjection;
import io.ludus.projections.readmodel.ratings.RatingsProjection;
import io.ludus.projections.readmodel.ratings.Season;
import io.ludus.projections.readmodel.reports.ReportsProjection;
import io.ludus.projections.readmodel.social.SocialProjection;
import io.ludus.projections.readmodel.stats.StatsProjection;

import java.util.List;
import java.util.Optional;

/** Every read model, once: what the service runs and what {@code rebuild NAME} accepts. */
public final class ReadModelCatalogue {

    private ReadModelCatalogue() {
    }

    public static List<Projection> all(List<Season> seasons) {
        return List.of(new PlayersProjection(), new StatsProjection(), new RatingsProjection(seasons), new HistoryProjection(),
                new SocialProjection(), new ReportsProjection());
    }

    public static Optional<Projection> named(String name, List<Season> seasons) {
        return all(seasons).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all(List.of()).stream().map(Projection::name).toList();
    }
}
