package io.ludus.admin.pages;

import io.ludus.admin.session.AdminSessions;
import io.ludus.admin.session.OperatorSession;
import io.ludus.admin.web.Html;
import io.ludus.projections.api.RecentMatches;
import io.ludus.replay.format.ReplayEnd;
import io.ludus.replay.format.ReplayFormatException;
import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayReader;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.ReplayStoreException;
import io.ludus.replay.verify.ReplayVerifier;
import io.ludus.replay.verify.Verification;
import io.ludus.security.OperatorCredentials;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentPacks;
import io.ludus.sim.content.UnknownContentVersionException;
import io.ludus.tools.replay.Timeline;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * Recent matches (the projections' history read model), each with a link to its replay (header, loadouts, outcome,
 * per-unit totals: what `ludus replay show` prints) and to its verification (a re-simulation, as `ludus replay verify`).
 */
@Controller("/admin/matches")
@Secured(OperatorCredentials.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = AdminSessions.class)
final class MatchesPage {

    // a verification re-runs a whole battle: a few at a time, whoever clicks
    private final Semaphore verifications = new Semaphore(2);
    private final AdminSessions sessions;
    private final RecentMatches recent;
    private final ReplayStore replays;

    MatchesPage(AdminSessions sessions, @Nullable RecentMatches recent, @Nullable ReplayStore replays) {
        this.sessions = sessions;
        this.recent = recent;
        this.replays = replays;
    }

    @Get
    MutableHttpResponse<String> list(Authentication operator) {
        StringBuilder body = new StringBuilder();
        if (recent == null) {
            body.append("<p>The projections' read models do not run in this process.</p>");
        } else {
            body.append("<table id=\"matches\"><tr><th>completed</th><th>match</th><th>queue</th><th>player</th><th>result</th>"
                    + "<th>opponent</th><th class=\"num\">ticks</th><th>replay</th></tr>");
            for (RecentMatches.RecentMatch m : recent.newest(50)) {
                String id = URLEncoder.encode(m.matchId(), StandardCharsets.UTF_8);
                body.append("<tr><td>").append(Html.esc(m.completedAt())).append("</td><td>").append(Html.esc(m.matchId()))
                        .append("</td><td>").append(Html.esc(m.queueId() + (m.ranked() ? " (ranked)" : "")))
                        .append("</td><td>").append(Html.esc(name(m.playerAName(), m.playerA()))).append("</td><td>").append(Html.esc(m.resultA()))
                        .append("</td><td>").append(Html.esc(m.opponentBot() ? "bot " + m.opponent() : name(m.opponentName(), m.opponent())))
                        .append("</td><td class=\"num\">").append(m.ticks()).append("</td><td>");
                if (m.replayAvailable()) {
                    body.append("<a class=\"replay\" href=\"/admin/matches/").append(Html.esc(id)).append("/replay\">replay</a> · ")
                            .append("<a class=\"verify\" href=\"/admin/matches/").append(Html.esc(id)).append("/verify\">verify</a>");
                } else {
                    body.append("-");
                }
                body.append("</td></tr>");
            }
            body.append("</table>");
        }
        return Html.page("matches", "Recent matches", body.toString(), 0, OperatorSession.csrf(sessions, operator));
    }

    @Get("/{matchId}/replay")
    MutableHttpResponse<String> replay(@PathVariable String matchId, Authentication operator) {
        StringBuilder body = new StringBuilder();
        try (ReplayReader reader = ReplayReader.open(open(matchId))) {
            ReplayHeader header = reader.header();
            ContentPack pack;
            try {
                pack = ContentPacks.byVersion(header.contentVersion());
            } catch (UnknownContentVersionException e) {
                pack = null;
            }
            Timeline timeline = new Timeline(pack, 100);
            ReplayEnd end = reader.readAll(timeline);
            body.append("<p id=\"replay-header\">match <b>").append(Html.esc(header.matchId())).append("</b> · format v")
                    .append(reader.formatVersion()).append(" · engine v").append(header.engineVersion()).append(" · content ")
                    .append(Html.esc(header.contentVersion())).append(" · seed ").append(header.seed()).append("</p>")
                    .append("<p id=\"outcome\">outcome <b>").append(Html.esc(end.outcome())).append("</b> after ").append(end.ticks())
                    .append(" ticks (").append(reader.frames()).append(" frames) · <a href=\"/admin/matches/")
                    .append(Html.esc(URLEncoder.encode(matchId, StandardCharsets.UTF_8))).append("/verify\">verify</a></p>");
            team(body, "A", header.teamA());
            team(body, "B", header.teamB());
            body.append("<h2>Units</h2><table><tr><th>unit</th><th>team</th><th>class</th><th class=\"num\">hp</th><th class=\"num\">damage dealt</th>"
                    + "<th class=\"num\">damage taken</th><th class=\"num\">healing</th><th>died at</th><th>killer</th></tr>");
            for (Timeline.Unit u : timeline.units()) {
                body.append("<tr><td>").append(u.unit()).append("</td><td>").append(Html.esc(u.team())).append("</td><td>")
                        .append(Html.esc(u.classId())).append("</td><td class=\"num\">").append(u.maxHealth()).append("</td><td class=\"num\">")
                        .append(u.damageDealt()).append("</td><td class=\"num\">").append(u.damageTaken()).append("</td><td class=\"num\">")
                        .append(u.healingDone()).append("</td><td>").append(Html.esc(u.diedAt())).append("</td><td>").append(Html.esc(u.killer()))
                        .append("</td></tr>");
            }
            body.append("</table>");
        } catch (ReplayFormatException e) {
            body.append("<p class=\"bad\">not a readable replay: ").append(Html.esc(e.getMessage())).append("</p>");
        } catch (IOException e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "reading the replay failed");
        }
        return Html.page("matches", "Replay of " + matchId, body.toString(), 0, OperatorSession.csrf(sessions, operator));
    }

    @Get("/{matchId}/verify")
    MutableHttpResponse<String> verify(@PathVariable String matchId, Authentication operator) {
        if (!verifications.tryAcquire()) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "other verifications are running; try again shortly");
        }
        String verdict;
        try (InputStream in = open(matchId)) {
            verdict = switch (new ReplayVerifier().verify(in)) {
                case Verification.Verified v -> "<p id=\"verdict\" class=\"ok\">identical: " + v.frames() + " frames, "
                        + Html.esc(v.outcome()) + " after " + v.ticks() + " ticks</p>";
                case Verification.Mismatch m -> "<p id=\"verdict\" class=\"bad\">DIVERGES at frame " + m.frameIndex() + ": recorded "
                        + Html.esc(m.recorded()) + ", re-run " + Html.esc(m.replayed()) + "</p>";
                case Verification.EngineVersionMismatch e -> "<p id=\"verdict\" class=\"bad\">cannot verify: recorded by engine v"
                        + e.recorded() + ", this build is v" + e.current() + "</p>";
                case Verification.UnknownContentVersion u -> "<p id=\"verdict\" class=\"bad\">cannot verify: content version "
                        + Html.esc(u.contentVersion()) + " is not in this build</p>";
                case Verification.InvalidSetup i -> "<p id=\"verdict\" class=\"bad\">the engine refuses this setup: " + Html.esc(i.problem()) + "</p>";
            };
        } catch (ReplayFormatException e) {
            verdict = "<p id=\"verdict\" class=\"bad\">not a readable replay: " + Html.esc(e.getMessage()) + "</p>";
        } catch (IOException e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "reading the replay failed");
        } finally {
            verifications.release();
        }
        return Html.page("matches", "Verification of " + matchId, verdict, 0, OperatorSession.csrf(sessions, operator));
    }

    private InputStream open(String matchId) {
        if (replays == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no replay store in this process");
        }
        try {
            return replays.open(matchId);
        } catch (ReplayStoreException e) {
            throw new HttpStatusException(e.reason() == ReplayStoreException.Reason.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.SERVICE_UNAVAILABLE,
                    "no replay for this match");
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "not a match id");
        }
    }

    private static void team(StringBuilder body, String side, TeamLoadout team) {
        body.append("<h2>Team ").append(side).append(": ").append(Html.esc(team.playerId())).append("</h2><table><tr><th>#</th><th>class</th><th>abilities</th></tr>");
        for (int i = 0; i < team.units().size(); i++) {
            UnitLoadout u = team.units().get(i);
            body.append("<tr><td>").append(i).append("</td><td>").append(Html.esc(u.classId())).append("</td><td>")
                    .append(Html.esc(String.join(", ", u.abilityIds()))).append("</td></tr>");
        }
        body.append("</table>");
    }

    private static String name(String displayName, String id) {
        return displayName == null ? id : displayName + " (" + id + ")";
    }
}
