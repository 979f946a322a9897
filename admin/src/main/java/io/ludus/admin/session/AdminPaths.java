package io.ludus.admin.session;

/** Where the dashboard lives. */
public final class AdminPaths {

    public static final String ROOT = "/admin";
    public static final String LOGIN = "/admin/login";

    private AdminPaths() {}

    public static boolean isAdmin(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }
}
