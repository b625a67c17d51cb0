package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** Where a Location points, resolved against the URL asked for, and whether --follow may go there. */
class RedirectTest {
    @Test
    void relativeLocationsResolveAgainstThePathAskedFor() throws IOException {
        assertThat(Redirect.resolve("127.0.0.1", 8000, "/a/b", "c")).extracting(Redirect::host, Redirect::port,
                Redirect::path, Redirect::followable).containsExactly("127.0.0.1", 8000, "/a/c", true);
        assertThat(Redirect.resolve("127.0.0.1", 8000, "/a/b", "/x?y=1").path()).isEqualTo("/x?y=1");
        assertThat(Redirect.resolve("::1", 8000, "/a", "/b")).extracting(Redirect::host, Redirect::path)
                .containsExactly("::1", "/b");
    }

    @Test
    void absoluteLocationsKeepTheirHostPortAndScheme() throws IOException {
        Redirect otherPort = Redirect.resolve("127.0.0.1", 8000, "/a", "http://127.0.0.1:9000/b");
        assertThat(otherPort.followable()).isTrue();
        assertThat(otherPort.asOptions(8000)).isEqualTo("PORT 9000 and --path /b");
        Redirect defaultPort = Redirect.resolve("localhost", 8000, "/a", "http://localhost/b");
        assertThat(defaultPort.port()).isEqualTo(80);
        Redirect tls = Redirect.resolve("127.0.0.1", 8000, "/a", "https://127.0.0.1/a");
        assertThat(tls.followable()).isFalse();
        assertThat(tls.whyNotFollowable()).isEqualTo("the clients speak plain HTTP only, not https");
        Redirect elsewhere = Redirect.resolve("127.0.0.1", 8000, "/a", "//127.0.0.3:81/a");
        assertThat(elsewhere.whyNotFollowable()).isEqualTo("another host: run against 127.0.0.3 81 instead");
    }

    @Test
    void aLocationThatIsNoUrlIsSaidSo() {
        assertThatThrownBy(() -> Redirect.resolve("127.0.0.1", 8000, "/a", "http://[bad"))
                .hasMessage("redirects /a to 'http://[bad', which is not a URL");
    }
}
