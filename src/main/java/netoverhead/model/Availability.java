package netoverhead.model;

/** Whether a model can run on this machine, and if not, why. */
public record Availability(boolean available, String reason) {
    public static final Availability AVAILABLE = new Availability(true, null);

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }

    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason;
    }
}
