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
    void aPageEscapesItsTitleAndForbidsScripts() {
        var page = Html.page("accounts", "Accounts of <script>x</script>", "<p>body</p>", 0, "\"><script>");
        assertThat(page.body()).contains("Accounts of &lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
        assertThat(page.getHeaders().get("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src");
    }

    @Test
    void buttonsEscapeTheirHiddenValues() {
        assertThat(Html.button("/admin/x", "go", "c", "q", "\"><script>")).contains("value=\"&quot;&gt;&lt;script&gt;\"")
                .doesNotContain("<script>");
    }

    @Test
    void sparklineLabelsAreEscaped() {
        String svg = Sparkline.svg("lag of <g>", List.of(new Sparkline.Point(1_000, 5), new Sparkline.Point(2_000, 10)), 2_000, 10_000);
        assertThat(svg).contains("lag of &lt;g&gt;").contains("<polyline").contains("360.0,4.0");
    }
}
