package netoverhead.server;

import java.util.Locale;

/** Which server serves the payload, as {@code --server} names it. */
public enum ServerKind {
    /** the tool's own server, unless one already listens at the target */
    EMBEDDED,
    LIGHTTPD,
    NGINX,
    /** whatever listens at the target; the tool starts nothing */
    EXTERNAL;

    /** Whether the tool starts a program of someone else's for it, from a configuration it generates. */
    public boolean isProgram() {
        return this == LIGHTTPD || this == NGINX;
    }

    /** The name {@code --server} gives it: {@code nginx}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
