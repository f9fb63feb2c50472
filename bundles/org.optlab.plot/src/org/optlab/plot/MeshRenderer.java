package org.optlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.util.Arrays;

import org.optlab.core.surface.Surface;

/**
 * The 3-D view: the surface as a shaded mesh seen from an azimuth and an elevation (orthographic, painter's order),
 * heights on the colour map's scale (log where the range is large), and each track drawn on the surface with its ball
 * rolling on it. The mesh is sampled once; a frame projects and sorts its quads, which keeps rotating fluid.
 */
public final class MeshRenderer extends FrameRenderer {

    /** Samples per side of the mesh. */
    static final int SIDE = 90;
    /** The mesh's height in world units (its footprint is [-1, 1]^2). */
    private static final double HEIGHT = 0.9;
    /** The light, in world coordinates (unit length), from above and to the side. */
    private static final double[] LIGHT = normalize(-0.45, -0.55, 0.75);

    /** The sampled mesh: world coordinates of the vertices and the shaded colour of each quad. */
    private record Mesh(double[] x, double[] y, double[] z, int[] fill, int[] edge, SurfaceGrid grid) {
    }

    private volatile Mesh mesh;
    private double azimuth = Math.toRadians(-30);
    private double elevation = Math.toRadians(40);
    private double zoom = 1;

    public MeshRenderer(Scene scene) {
        super(scene);
        if (scene.surface().dimension() != 2) {
            throw new IllegalArgumentException("the 3-D view needs a 2-D surface; " + scene.surface().id() + " is 1-D");
        }
    }

    /** Sets the viewpoint: azimuth in degrees (any), elevation in degrees (clamped to [5, 90]), zoom (clamped to [0.3, 6]). */
    public void setView(double azimuthDegrees, double elevationDegrees, double zoom) {
        this.azimuth = Math.toRadians(azimuthDegrees);
        this.elevation = Math.toRadians(Math.max(5, Math.min(90, elevationDegrees)));
        this.zoom = Math.max(0.3, Math.min(6, zoom));
    }

    public double azimuthDegrees() {
        return Math.toDegrees(azimuth);
    }

    public double elevationDegrees() {
        return Math.toDegrees(elevation);
    }

    public double zoom() {
        return zoom;
    }

    @Override
    public boolean preparedFor(int width, int height) {
        return mesh != null; // the mesh does not depend on the frame's size
    }

    @Override
    public void prepare(int width, int height) {
        if (mesh != null) {
            return;
        }
        SurfaceGrid grid = SurfaceGrid.sample(scene.surface(), scene.domain(), SIDE, SIDE);
        int n = SIDE * SIDE;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                int v = row * SIDE + col;
                x[v] = 2 * (col + 0.5) / SIDE - 1;
                y[v] = 1 - 2 * (row + 0.5) / SIDE;
                z[v] = height(grid.relief(grid.value(col, row)));
            }
        }
        int quads = (SIDE - 1) * (SIDE - 1);
        int[] fill = new int[quads];
        int[] edge = new int[quads];
        for (int row = 0; row + 1 < SIDE; row++) {
            for (int col = 0; col + 1 < SIDE; col++) {
                int a = row * SIDE + col;
                int b = a + 1;
                int c = a + SIDE + 1;
                int d = a + SIDE;
                // normal of the quad from its two diagonals
                double ux = x[c] - x[a], uy = y[c] - y[a], uz = z[c] - z[a];
                double vx = x[d] - x[b], vy = y[d] - y[b], vz = z[d] - z[b];
                double[] normal = normalize(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
                double lambert = Math.abs(normal[0] * LIGHT[0] + normal[1] * LIGHT[1] + normal[2] * LIGHT[2]);
                double level = ((z[a] + z[b] + z[c] + z[d]) / 4 + HEIGHT / 2) / HEIGHT;
                int q = row * (SIDE - 1) + col;
                fill[q] = Colours.scale(Colours.viridis(level), 0.5 + 0.6 * lambert);
                edge[q] = Colours.scale(fill[q], 0.82);
            }
        }
        mesh = new Mesh(x, y, z, fill, edge, grid);
    }

    /** World height of a value mapped to [0, 1]. */
    private static double height(double normalized) {
        return HEIGHT * normalized - HEIGHT / 2;
    }

    @Override
    protected void paintScene(Graphics2D g, int width, int height, int step) {
        prepare(width, height);
        Mesh m = mesh;
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        Projection p = new Projection(width, height);
        int n = SIDE * SIDE;
        int[] px = new int[n];
        int[] py = new int[n];
        for (int v = 0; v < n; v++) {
            px[v] = (int) Math.round(p.screenX(m.x[v], m.y[v]));
            py[v] = (int) Math.round(p.screenY(m.x[v], m.y[v], m.z[v]));
        }
        paintFloor(g, p);
        // painter's order: farthest quad first; depth and index packed in one long for a primitive sort
        int quads = (SIDE - 1) * (SIDE - 1);
        long[] order = new long[quads];
        for (int row = 0; row + 1 < SIDE; row++) {
            for (int col = 0; col + 1 < SIDE; col++) {
                int a = row * SIDE + col;
                int c = a + SIDE + 1;
                double depth = p.depth((m.x[a] + m.x[c]) / 2, (m.y[a] + m.y[c]) / 2, (m.z[a] + m.z[c]) / 2);
                int q = row * (SIDE - 1) + col;
                order[q] = ((long) (int) Math.round(-depth * 1e6) << 32) | q;
            }
        }
        Arrays.sort(order);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setStroke(new BasicStroke(1f));
        int[] qx = new int[4];
        int[] qy = new int[4];
        for (long key : order) {
            int q = (int) key;
            int a = (q / (SIDE - 1)) * SIDE + q % (SIDE - 1);
            int[] corners = { a, a + 1, a + SIDE + 1, a + SIDE };
            for (int k = 0; k < 4; k++) {
                qx[k] = px[corners[k]];
                qy[k] = py[corners[k]];
            }
            g.setColor(new Color(m.fill[q]));
            g.fillPolygon(qx, qy, 4);
            g.setColor(new Color(m.edge[q]));
            g.drawPolygon(qx, qy, 4);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paintTracks(g, p, m.grid, step);
    }

    /** The domain's outline at the foot of the mesh, with the axes' names, for a sense of orientation. */
    private void paintFloor(Graphics2D g, Projection p) {
        double floor = -HEIGHT / 2 - 0.05;
        double[][] corners = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 } };
        Path2D.Double outline = new Path2D.Double();
        for (int k = 0; k <= 4; k++) {
            double[] c = corners[k % 4];
            double sx = p.screenX(c[0], c[1]);
            double sy = p.screenY(c[0], c[1], floor);
            if (k == 0) {
                outline.moveTo(sx, sy);
            } else {
                outline.lineTo(sx, sy);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x999999));
        g.setStroke(new BasicStroke(1f));
        g.draw(outline);
        g.setColor(INK);
        AxisTitles titles = scene.surface() instanceof AxisTitles t ? t : null;
        g.drawString(titles != null ? AxisTitles.name(titles.xTitle()) : "x", (float) p.screenX(1.15, -1),
                (float) p.screenY(1.15, -1, floor));
        g.drawString(titles != null ? AxisTitles.name(titles.yTitle()) : "y", (float) p.screenX(-1, 1.15),
                (float) p.screenY(-1, 1.15, floor));
    }

    private void paintTracks(Graphics2D g, Projection p, SurfaceGrid grid, int step) {
        Surface.Domain d = scene.domain();
        g.setStroke(TRACK_STROKE);
        for (Track t : scene.tracks()) {
            int last = t.at(step);
            Path2D.Double line = new Path2D.Double(Path2D.WIND_NON_ZERO, last + 1);
            for (int i = 0; i <= last; i++) {
                double[] w = world(d, grid, t, i);
                double sx = clamp(p.screenX(w[0], w[1]));
                double sy = clamp(p.screenY(w[0], w[1], w[2]));
                if (i == 0) {
                    line.moveTo(sx, sy);
                } else {
                    line.lineTo(sx, sy);
                }
            }
            g.setColor(new Color(t.rgb()));
            g.draw(line);
        }
        for (Track t : scene.tracks()) {
            double[] w = world(d, grid, t, t.at(step));
            ball(g, t.rgb(), p.screenX(w[0], w[1]), p.screenY(w[0], w[1], w[2]) - BALL_RADIUS / 2.0);
        }
    }

    /** A track's point in world coordinates, lifted slightly so that it lies on the mesh rather than in it. */
    private static double[] world(Surface.Domain d, SurfaceGrid grid, Track t, int i) {
        double wx = 2 * (t.x()[i] - d.xMin()) / (d.xMax() - d.xMin()) - 1;
        double wy = 2 * (t.y()[i] - d.yMin()) / (d.yMax() - d.yMin()) - 1;
        return new double[] { wx, wy, height(grid.relief(t.loss()[i])) + 0.015 };
    }

    /** Orthographic projection for the current viewpoint into a frame of the given size. */
    private final class Projection {
        private final double cos = Math.cos(azimuth);
        private final double sin = Math.sin(azimuth);
        private final double upY = Math.sin(elevation);
        private final double upZ = Math.cos(elevation);
        private final double centreX;
        private final double centreY;
        private final double scale;

        Projection(int width, int height) {
            centreX = width / 2.0;
            centreY = height / 2.0 + 0.04 * height;
            scale = zoom * Math.min(width, height) * 0.34;
        }

        /** The world point rotated by the azimuth: its coordinate across the screen. */
        double screenX(double x, double y) {
            return centreX + scale * (x * cos - y * sin);
        }

        double screenY(double x, double y, double z) {
            double away = x * sin + y * cos; // towards the back of the scene, after the azimuth
            return centreY - scale * (z * upZ + away * upY);
        }

        /** Larger is farther from the viewer. */
        double depth(double x, double y, double z) {
            double away = x * sin + y * cos;
            return away * upZ - z * upY;
        }
    }

    private static double[] normalize(double x, double y, double z) {
        double norm = Math.sqrt(x * x + y * y + z * z);
        return norm == 0 ? new double[] { 0, 0, 1 } : new double[] { x / norm, y / norm, z / norm };
    }
}
