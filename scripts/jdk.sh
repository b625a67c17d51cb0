# Finds a JDK 25 or newer and sets JAVA_HOME to it; sourced by ./netoverhead and ./run-tests.
# Order: JAVA_HOME if it is one, else `java` on PATH if it is one, else the newest under /usr/lib/jvm.

netoverhead_java_major() {
    # prints the feature version of the java launcher $1, or nothing
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
}

netoverhead_find_jdk() {
    local candidate major best="" best_major=0
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        major=$(netoverhead_java_major "$JAVA_HOME/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then echo "$JAVA_HOME"; return 0; fi
    fi
    if command -v java >/dev/null 2>&1; then
        candidate=$(readlink -f "$(command -v java)")
        candidate=${candidate%/bin/java}
        if [ -x "$candidate/bin/javac" ]; then
            major=$(netoverhead_java_major "$candidate/bin/java")
            if [ -n "$major" ] && [ "$major" -ge 25 ]; then echo "$candidate"; return 0; fi
        fi
    fi
    for candidate in /usr/lib/jvm/*; do
        [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(netoverhead_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
            best=$candidate
            best_major=$major
        fi
    done
    if [ -n "$best" ]; then echo "$best"; return 0; fi
    return 1
}

if ! NETOVERHEAD_JDK=$(netoverhead_find_jdk); then
    echo "netoverhead: needs a JDK 25 or newer (set JAVA_HOME to one, put its java on PATH, or install one under /usr/lib/jvm)" >&2
    exit 2
fi
export JAVA_HOME="$NETOVERHEAD_JDK"
