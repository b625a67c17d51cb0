package netoverhead.report;

import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.style.markers.Marker;

/**
 * A filled marker shape, drawn the same way in the charts (an XChart {@link Marker}) and in the page's
 * legend (an SVG polygon), so that a series is told by its shape as well as its colour.
 */
public final class MarkerShape extends Marker {
    /** Twelve shapes, one for each model the tool has: circle, square, diamond, triangles, polygons, stars. */
    public static final List<MarkerShape> SHAPES = List.of(
            new MarkerShape("circle", regular(24, 0)), new MarkerShape("square", regular(4, 45)),
            new MarkerShape("diamond", regular(4, 0)), new MarkerShape("triangle up", regular(3, 0)),
            new MarkerShape("triangle down", regular(3, 180)), new MarkerShape("pentagon", regular(5, 0)),
            new MarkerShape("hexagon", regular(6, 30)), new MarkerShape("star", star(5, 0.45)),
            new MarkerShape("triangle right", regular(3, 90)), new MarkerShape("triangle left", regular(3, 270)),
            new MarkerShape("cross", plus()), new MarkerShape("four-point star", star(4, 0.4)));

    private final String name;
    /** Vertices on a unit square centred on 0, x right, y down: x0, y0, x1, y1, ... */
    private final double[] points;

    private MarkerShape(String name, double[] points) {
        this.name = name;
        this.points = points;
    }

    public String name() {
        return name;
    }

    /** The shape of a series index; past twelve the shapes repeat (the colours still differ). */
    public static MarkerShape of(int index) {
        return SHAPES.get(index % SHAPES.size());
    }

    @Override
    public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < points.length; i += 2) {
            double x = xOffset + points[i] * markerSize;
            double y = yOffset + points[i + 1] * markerSize;
            if (i == 0) path.moveTo(x, y);
            else path.lineTo(x, y);
        }
        path.closePath();
        g.fill(path);
    }

    /** The shape as an SVG polygon of the given size centred at (cx, cy). */
    public String svgPolygon(double cx, double cy, double size, String fill) {
        StringBuilder sb = new StringBuilder("<polygon points=\"");
        for (int i = 0; i < points.length; i += 2) {
            if (i > 0) sb.append(' ');
            sb.append(String.format(Locale.ROOT, "%.2f,%.2f", cx + points[i] * size, cy + points[i + 1] * size));
        }
        return sb.append("\" fill=\"").append(fill).append("\"/>").toString();
    }

    /** A regular polygon whose first vertex is at the top, turned by {@code degrees} clockwise. */
    private static double[] regular(int sides, double degrees) {
        double[] p = new double[sides * 2];
        for (int i = 0; i < sides; i++) {
            double a = Math.toRadians(degrees + 360.0 * i / sides);
            p[2 * i] = 0.5 * Math.sin(a);
            p[2 * i + 1] = -0.5 * Math.cos(a);
        }
        return p;
    }

    private static double[] star(int tips, double inner) {
        double[] p = new double[tips * 4];
        for (int i = 0; i < tips * 2; i++) {
            double a = Math.PI * i / tips;
            double r = i % 2 == 0 ? 0.55 : 0.55 * inner;
            p[2 * i] = r * Math.sin(a);
            p[2 * i + 1] = -r * Math.cos(a);
        }
        return p;
    }

    private static double[] plus() {
        double a = 0.5;
        double b = 0.17;
        return new double[] {-b, -a, b, -a, b, -b, a, -b, a, b, b, b, b, a, -b, a, -b, b, -a, b, -a, -b, -b, -b};
    }
}
