package netoverhead.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

import netoverhead.http.ResponseHead;
import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;

/**
 * The probe before a run against a server the tool did not start: learns the payload's size from a HEAD when its
 * answer gives a length, else from one GET whose body it reads (chunked, until close, or a HEAD refused). A redirect
 * is followed on the same host when asked to, else refused in one line that names its Location. Every failure is an
 * {@link IOException} whose message is one line for the user.
 */
public final class PayloadProbe {
    /** The probe's timeouts (--connect-timeout, --read-timeout), and whether --follow asks it to follow redirects. */
    public record Settings(int connectTimeoutMs, int readTimeoutMs, boolean follow) {
        /** What a command without these options gets. */
        public static final Settings DEFAULT = new Settings(5_000, 5_000, false);
    }

    /** What the probe found: the server's name (null if it gives none), the payload's size, and where it is. */
    public record Found(String server, long payloadBytes, int port, String path) {}

    private static final int MOST_REDIRECTS = 5;
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private PayloadProbe() {}

    public static Found probe(String host, int port, String path, Settings settings, Consumer<String> log)
            throws IOException {
        int atPort = port;
        String atPath = path;
        for (int redirects = 0; ; redirects++) {
            String where = "the server at " + host + ":" + atPort;
            ResponseHead head;
            try (HttpProbe.Exchange exchange = ask(host, atPort, "HEAD", atPath, settings, where)) {
                head = exchange.head();
            }
            Redirect redirect = null;
            Found found = null;
            if (head.redirect()) {
                redirect = redirect(host, atPort, atPath, "HEAD", head, settings, where);
            } else if (head.status() == 200 && head.lengthKnown()) {
                found = new Found(head.server(), head.contentLength(), atPort, atPath);
            } else {
                log.accept(head.status() == 200
                        ? "HEAD " + atPath + " gives no length (" + (head.chunked() ? "chunked" : "until close")
                                + "): reading one GET to learn the payload's size"
                        : "HEAD " + atPath + " answers " + head.statusText() + ": reading one GET to learn the "
                                + "payload's size");
                try (HttpProbe.Exchange get = ask(host, atPort, "GET", atPath, settings, where)) {
                    ResponseHead getHead = get.head();
                    if (getHead.redirect()) {
                        redirect = redirect(host, atPort, atPath, "GET", getHead, settings, where);
                    } else if (getHead.status() != 200) {
                        throw new IOException(where + " answers GET " + atPath + " with status "
                                + getHead.statusText() + "; it must serve the payload there");
                    } else {
                        long size = bodySize(get, atPath, settings, where, log);
                        log.accept("GET " + atPath + " sent a body of " + size + " bytes ("
                                + framing(getHead) + "); every job must receive that many");
                        found = new Found(getHead.server(), size, atPort, atPath);
                    }
                }
            }
            if (found != null) {
                if (found.payloadBytes() == 0) {
                    throw new IOException(where + " serves an empty body at " + atPath + ": nothing to download");
                }
                if (redirects > 0) {
                    log.accept("--follow: " + path + " led to http://" + hostForUrl(host) + ":" + atPort + atPath
                            + "; the run downloads from there");
                }
                return found;
            }
            if (redirects + 1 > MOST_REDIRECTS) {
                throw new IOException(where + " redirects more than " + MOST_REDIRECTS + " times from " + path
                        + " (a loop?)");
            }
            log.accept("--follow: " + atPath + " redirects to " + redirect.location());
            atPort = redirect.port();
            atPath = redirect.path();
        }
    }

    private static HttpProbe.Exchange ask(String host, int port, String method, String path, Settings settings,
                                          String where) throws IOException {
        try {
            return HttpProbe.exchange(host, port, method, path, settings.connectTimeoutMs(), settings.readTimeoutMs());
        } catch (IOException e) {
            throw new IOException(where + " does not answer HTTP: " + e.getMessage(), e);
        }
    }

    /** The redirect in {@code head}, when --follow asks for it and it can be followed; else the one-line refusal. */
    private static Redirect redirect(String host, int port, String path, String method, ResponseHead head,
                                     Settings settings, String where) throws IOException {
        if (head.location() == null) {
            throw new IOException(where + " answers " + method + " " + path + " with " + head.statusText()
                    + " but names no Location");
        }
        Redirect redirect;
        try {
            redirect = Redirect.resolve(host, port, path, head.location());
        } catch (IOException e) {
            throw new IOException(where + " " + e.getMessage());
        }
        String said = where + " redirects " + path + " to " + head.location() + " (" + head.statusText() + ")";
        if (!redirect.followable()) throw new IOException(said + "; " + redirect.whyNotFollowable());
        if (!settings.follow()) {
            throw new IOException(said + "; give " + redirect.asOptions(port) + ", or --follow to follow it");
        }
        return redirect;
    }

    /** Reads the body of a 200 answer to its end, as the clients frame it, and counts its bytes. */
    private static long bodySize(HttpProbe.Exchange get, String path, Settings settings, String where,
                                 Consumer<String> log) throws IOException {
        ResponseParser parser = new ResponseParser();
        byte[] buffer = new byte[64 * 1024];
        long nextReport = System.nanoTime() + PROGRESS_EVERY_NANOS;
        try {
            byte[] head = get.rawHead().getBytes(StandardCharsets.ISO_8859_1);
            boolean complete = parser.feed(head, 0, head.length);
            InputStream in = get.in();
            while (!complete) {
                int n = in.read(buffer);
                if (n < 0) {
                    parser.endOfStream();
                    break;
                }
                complete = parser.feed(buffer, 0, n);
                if (!complete && System.nanoTime() - nextReport > 0) {
                    log.accept("reading GET " + path + " to learn the payload's size: " + amount(parser.bodyBytes())
                            + " so far");
                    nextReport = System.nanoTime() + PROGRESS_EVERY_NANOS;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new IOException(where + " sent nothing for " + HttpProbe.duration(settings.readTimeoutMs())
                    + " (--read-timeout) in its answer to GET " + path + ", after " + parser.bodyBytes()
                    + " body bytes");
        } catch (JobFailure e) {
            throw new IOException(where + " sent a broken answer to GET " + path + ": " + e.getMessage());
        }
        return parser.bodyBytes();
    }

    /** "1500 bytes", "12.5 MiB", "1.25 GiB". */
    private static String amount(long bytes) {
        if (bytes < 1L << 20) return bytes + " bytes";
        if (bytes < 1L << 30) return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    private static String framing(ResponseHead head) {
        if (head.chunked()) return "chunked";
        return head.lengthKnown() ? "Content-Length" : "until close";
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
