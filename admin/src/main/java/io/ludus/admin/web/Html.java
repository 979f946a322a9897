package io.ludus.admin.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * Server-rendered pages. Every value that comes from a player, an event or the operator goes through {@link #esc};
 * page text written here is trusted. The only scripts are the dashboard's own assets (the Content-Security-Policy
 * allows same-origin script files, no inline script): the vendored uPlot and charts.js, which draw the charts.
 */
public final class Html {

    private static final String[] NAV = {"queues", "simulations", "groups", "matches", "reports", "accounts"};

    private Html() {}

    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page: navigation, a title, the body. {@code refreshSeconds} > 0 reloads it (live views without script). */
    public static MutableHttpResponse<String> page(String current, String title, String body, int refreshSeconds, String csrf) {
        StringBuilder nav = new StringBuilder();
        for (String item : NAV) {
            nav.append("<a href=\"/admin/").append(item).append("\"").append(item.equals(current) ? " class=\"on\"" : "")
                    .append(">").append(item).append("</a> ");
        }
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · Ludus admin</title>%s
                <link rel="stylesheet" href="/admin/assets/uPlot.min.css">
                <script src="/admin/assets/uPlot.iife.min.js" defer></script><script src="/admin/assets/charts.js" defer></script>
                <style>
                body{font:14px system-ui,sans-serif;margin:0;color:#1d2330}
                header{background:#1d2330;color:#fff;padding:.6em 1em;display:flex;gap:1em;align-items:center}
                header a{color:#cfd6e6;text-decoration:none} header a.on{color:#fff;font-weight:bold}
                header form{margin-left:auto} main{padding:1em}
                table{border-collapse:collapse;margin:.5em 0} td,th{border-bottom:1px solid #dde;padding:.25em .6em;text-align:left}
                th{background:#f1f3f8} .num{text-align:right} .bad{color:#b00020} .ok{color:#087f23}
                svg{background:#f8f9fc;border:1px solid #dde} form.inline{display:inline} figure.chart{margin:0}
                </style></head>
                <body><header><b>Ludus admin</b> %s
                <form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="%s"><button>log out</button></form></header>
                <main><h1>%s</h1>
                %s
                </main></body></html>
                """.formatted(esc(title), refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">" : "",
                nav, esc(csrf), esc(title), body);
        return html(html);
    }

    public static MutableHttpResponse<String> html(String html) {
        return HttpResponse.ok(html).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }

    /** A POST form with one button; the CSRF token rides along. */
    public static String button(String action, String label, String csrf, String... hidden) {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i + 1 < hidden.length; i += 2) {
            fields.append("<input type=\"hidden\" name=\"").append(esc(hidden[i])).append("\" value=\"").append(esc(hidden[i + 1])).append("\">");
        }
        return "<form class=\"inline\" method=\"post\" action=\"" + esc(action) + "\"><input type=\"hidden\" name=\"csrf\" value=\""
                + esc(csrf) + "\">" + fields + "<button>" + esc(label) + "</button></form>";
    }
}
