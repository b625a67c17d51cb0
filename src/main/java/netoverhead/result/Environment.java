package netoverhead.result;

import java.util.List;

/** Where a run was made: enough to label its rows and to tell two machines apart. */
public record Environment(String os, String kernel, String arch, String cpu, int cores, long memoryBytes,
                          String jdk, String jdkVendor, List<String> jvmFlags, String toolVersion, String hostname) {}
