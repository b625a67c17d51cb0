package netoverhead.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a redirect points, resolved against the URL that was asked for: the probe follows it (with --follow)
 * only when it stays on plain HTTP on the same host, since the clients connect to one host and speak no TLS.
 */
record Redirect(String location, String scheme, String host, int port, String path, boolean sameHost) {

    /** Resolves {@code location} (absolute, or relative to http://host:port/path). */
    static Redirect resolve(String host, int port, String path, String location) throws IOException {
        String hostForUrl = host.contains(":") ? "[" + host + "]" : host;
        URI to;
        try {
            to = new URI("http://" + hostForUrl + ":" + port + path).resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("redirects " + path + " to '" + location + "', which is not a URL");
        }
        String scheme = to.getScheme() == null ? "http" : to.getScheme().toLowerCase(Locale.ROOT);
        String toHost = to.getHost() == null ? host : to.getHost().replaceAll("^\\[|]$", "");
        int toPort = to.getPort() >= 0 ? to.getPort() : scheme.equals("https") ? 443 : 80;
        String toPath = (to.getRawPath() == null || to.getRawPath().isEmpty() ? "/" : to.getRawPath())
                + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
        return new Redirect(location, scheme, toHost, toPort, toPath, sameHost(host, toHost));
    }

    /** Whether the redirect can be followed: plain HTTP, same host. */
    boolean followable() {
        return scheme.equals("http") && sameHost;
    }

    /** Why {@code --follow} cannot follow it, or null when it can. */
    String whyNotFollowable() {
        if (!scheme.equals("http")) return "the clients speak plain HTTP only, not " + scheme;
        if (!sameHost) return "another host: run against " + host + " " + port + " instead";
        return null;
    }

    /** What a user passes to run there without --follow: "--path /b", or "PORT 9000 and --path /b". */
    String asOptions(int fromPort) {
        return port == fromPort ? "--path " + path : "PORT " + port + " and --path " + path;
    }

    private static boolean sameHost(String a, String b) {
        if (a.equalsIgnoreCase(b)) return true;
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (IOException e) {
            return false;
        }
    }
}
