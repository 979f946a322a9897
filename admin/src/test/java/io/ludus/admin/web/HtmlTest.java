package io.ludus.admin.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void escapesMarkupInPlayerSuppliedText() {
        assertThat(Html.esc("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.esc(null)).isEmpty();
    }

    @Test
    void aPageEscapesItsTitleAndAllowsOnlyItsOwnScriptFiles() {
        var page = Html.page("accounts", "Accounts of <script>x</script>", "<p>body</p>", 0, "\"><script>");
        assertThat(page.body()).contains("Accounts of &lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x")
                .doesNotContain("\"><script>");
        assertThat(page.body().replaceAll("<script src=\"/admin/assets/[A-Za-z.]+\" defer></script>", ""))
                .doesNotContain("<script");
        assertThat(page.getHeaders().get("Content-Security-Policy")).contains("default-src 'none'")
                .contains("script-src 'self';").doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
    }

    @Test
    void buttonsEscapeTheirHiddenValues() {
        assertThat(Html.button("/admin/x", "go", "c", "q", "\"><script>")).contains("value=\"&quot;&gt;&lt;script&gt;\"")
                .doesNotContain("<script>");
    }

    @Test
    void chartLabelsAndLegendsAreEscapedAndTheSvgFallbackIsDrawn() {
        String chart = Chart.render("lag of <g>", "records", 2_000_000, 10_000,
                new Chart.Line("p\"50</figure><script>", List.of(new Chart.Point(1_995_000, 5), new Chart.Point(2_000_000, 10))));
        assertThat(chart).contains("data-label=\"lag of &lt;g&gt;\"").doesNotContain("<script>").doesNotContain("<g>")
                .contains("<polyline").contains("360.0,4.0");
        assertThat(chart).contains("data-lines=\"[{&quot;name&quot;:&quot;p\\&quot;50&lt;/figure&gt;&lt;script&gt;&quot;,"
                + "&quot;points&quot;:[[1995,5.000],[2000,10.000]]}]\"");
    }
}
