package dev.vigil.system.models;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * An Extended Isolation Forest (Hariri, Carrasco Kind &amp; Brunner, "Extended Isolation Forest",
 * IEEE TKDE 33(4), 2021, algorithms 1–3) in flat primitive arrays: every node of every tree in one set
 * of arrays, so that scoring allocates nothing and touches a few kilobytes per tree.
 *
 * <p>An internal node holds a hyperplane through a point {@code p} with normal {@code n}; a point
 * {@code x} goes left when {@code (x − p)·n ≤ 0}, computed as {@code x·n − p·n} with {@code p·n}
 * stored, in the same order of operations when growing and when scoring, so a point seen at fit time
 * goes where it went then. The normal has {@code k = extensionLevel + 1} non-zero coordinates (the
 * others are 0 and not stored): k = 1 is an axis-parallel cut, Liu, Ting &amp; Zhou's isolation
 * forest; k = d the paper's "full extension". Children are stored side by side (right = left + 1) so a
 * step is {@code node = left + (x·n − p·n > 0 ? 1 : 0)}, without a branch; a leaf is its own child with
 * a zero normal, so a walk that reached it stays there.
 *
 * <p>Growing: tree {@code t} draws from its own {@link SplittableRandom} seeded with {@code seed + t},
 * so the forest is the same bit for bit whatever the number of threads building it; {@code ψ} points
 * drawn without replacement (Floyd's algorithm); at each node {@code k} coordinates drawn without
 * replacement, their normal components N(0, 1) (Box–Muller with {@link StrictMath}, the same on every
 * JVM), {@code p} uniform in the node's bounding box on them. A node is a leaf at the depth limit, with
 * one point or none, or when its points coincide on the drawn coordinates (no hyperplane through their
 * box can separate them). A leaf at depth {@code h} holding {@code m} points has path length {@code h +
 * c(m)}, {@code c(m) = 2·H(m−1) − 2(m−1)/m} the average path of an unsuccessful search in a binary
 * search tree, with the exact harmonic number H (so c(2) = 1, as scikit-learn; the authors' code uses
 * {@code ln + γ}, giving 0.15). The score is {@code 2^(−E[h]/c(ψ))}.
 *
 * <p>Immutable and thread-safe once built.
 */
final class Forest {
    /** Rows scored together: a block's standardised values (row-major) stay in the L2 cache. */
    static final int BLOCK = 256;

    final int dims;
    final int k;
    final int subSample;
    final int[] root;
    final int[] levels;
    final int[] child;
    final double[] offset;
    final int[] index;
    final double[] coef;
    final int[] size;
    final int[] depth;
    private final double[] pathValue;
    /** Per node, {@code k + 1} doubles side by side: the offset p·n, then the normal's coefficients (one cache line for k ≤ 7). */
    private final double[] packedReal;
    /** Per node, {@code k + 1} ints side by side: the left child, then the coordinates read. */
    private final int[] packedInt;
    private final double cPsi;

    Forest(int dims, int k, int subSample, int[] root, int[] levels, int[] child, double[] offset, int[] index, double[] coef,
            int[] size, int[] depth) {
        int nodes = child.length;
        if (offset.length != nodes || size.length != nodes || depth.length != nodes || index.length != nodes * k
                || coef.length != nodes * k || root.length != levels.length || root.length == 0 || k < 1 || k > dims) {
            throw new IllegalArgumentException("inconsistent forest arrays");
        }
        for (int i = 0; i < nodes; i++) {
            boolean leaf = child[i] == i;
            if (!leaf && (child[i] < 0 || child[i] + 1 >= nodes)) {
                throw new IllegalArgumentException("node " + i + " has child " + child[i] + " outside the " + nodes + " nodes");
            }
            if (leaf && (size[i] < 0 || size[i] > subSample)) {
                throw new IllegalArgumentException("leaf " + i + " holds " + size[i] + " points of a sub-sample of " + subSample);
            }
            for (int q = 0; q < k; q++) {
                if (index[i * k + q] < 0 || index[i * k + q] >= dims) {
                    throw new IllegalArgumentException("node " + i + " reads coordinate " + index[i * k + q] + " of " + dims);
                }
                if (leaf && coef[i * k + q] != 0) {
                    throw new IllegalArgumentException("leaf " + i + " has a non-zero normal");
                }
            }
            if (leaf && offset[i] != 0) {
                throw new IllegalArgumentException("leaf " + i + " has a non-zero offset");
            }
        }
        for (int t = 0; t < root.length; t++) {
            if (root[t] < 0 || root[t] >= nodes || levels[t] < 0) {
                throw new IllegalArgumentException("tree " + t + " has root " + root[t] + " and " + levels[t] + " levels");
            }
        }
        this.dims = dims;
        this.k = k;
        this.subSample = subSample;
        this.root = root;
        this.levels = levels;
        this.child = child;
        this.offset = offset;
        this.index = index;
        this.coef = coef;
        this.size = size;
        this.depth = depth;
        double[] c = averagePathTable(subSample);
        this.cPsi = c[subSample];
        this.packedReal = new double[nodes * (k + 1)];
        this.packedInt = new int[nodes * (k + 1)];
        for (int i = 0; i < nodes; i++) {
            packedReal[i * (k + 1)] = offset[i];
            packedInt[i * (k + 1)] = child[i];
            for (int q = 0; q < k; q++) {
                packedReal[i * (k + 1) + 1 + q] = coef[i * k + q];
                packedInt[i * (k + 1) + 1 + q] = index[i * k + q];
            }
        }
        this.pathValue = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            pathValue[i] = child[i] == i ? depth[i] + c[size[i]] : 0;
        }
    }

    /** Number of trees. */
    int trees() {
        return root.length;
    }

    /** Number of nodes, all trees together. */
    int nodes() {
        return child.length;
    }

    /**
     * {@code c(m)} for m = 0 … n: the average path length of an unsuccessful search in a binary search
     * tree of m points, with exact harmonic numbers; c(0) = c(1) = 0.
     */
    static double[] averagePathTable(int n) {
        double[] c = new double[n + 1];
        double harmonic = 0; // H(m − 1)
        for (int m = 2; m <= n; m++) {
            harmonic += 1.0 / (m - 1);
            c[m] = 2 * harmonic - 2.0 * (m - 1) / m;
        }
        return c;
    }

    /**
     * Grows a forest.
     *
     * @param points the candidate points, column-major standardised values {@code [coordinate][i]}
     * @param count how many candidate points there are (columns may be longer)
     * @param trees number of trees
     * @param subSample ψ, at most {@code count}
     * @param maxDepth depth limit
     * @param k non-zero coordinates per normal, 1 to d
     * @param seed tree t draws from {@code new SplittableRandom(seed + t)}
     * @param parallel grow trees side by side
     * @param done called with each tree's index when it is grown (from any thread)
     */
    static Forest grow(double[][] points, int count, int trees, int subSample, int maxDepth, int k, long seed, boolean parallel,
            IntConsumer done) {
        int d = points.length;
        Tree[] grown = new Tree[trees];
        IntStream range = IntStream.range(0, trees);
        (parallel ? range.parallel() : range).forEach(t -> {
            grown[t] = Tree.grow(points, count, subSample, maxDepth, k, new SplittableRandom(seed + t));
            done.accept(t);
        });
        int nodes = 0;
        for (Tree t : grown) {
            nodes += t.nodes;
        }
        int[] root = new int[trees];
        int[] levels = new int[trees];
        int[] child = new int[nodes];
        double[] offset = new double[nodes];
        int[] index = new int[nodes * k];
        double[] coef = new double[nodes * k];
        int[] size = new int[nodes];
        int[] depth = new int[nodes];
        int at = 0;
        for (int t = 0; t < trees; t++) {
            Tree tree = grown[t];
            root[t] = at;
            levels[t] = tree.levels;
            for (int i = 0; i < tree.nodes; i++) {
                child[at + i] = tree.child[i] + at;
            }
            System.arraycopy(tree.offset, 0, offset, at, tree.nodes);
            System.arraycopy(tree.index, 0, index, at * k, tree.nodes * k);
            System.arraycopy(tree.coef, 0, coef, at * k, tree.nodes * k);
            System.arraycopy(tree.size, 0, size, at, tree.nodes);
            System.arraycopy(tree.depth, 0, depth, at, tree.nodes);
            at += tree.nodes;
        }
        return new Forest(d, k, subSample, root, levels, child, offset, index, coef, size, depth);
    }

    /**
     * Scores a block of rows: {@code out[r] = 2^(−E[h]/c(ψ))} for the {@code rows} rows of {@code x}
     * (row-major standardised values, {@code dims} per row, no missing value). Rows are walked level by
     * level, all rows of the block one step down each tree before the next step: the steps of
     * different rows are independent, so the processor overlaps them instead of waiting on each load
     * of a walk.
     *
     * @param node scratch, at least {@code rows} long
     * @param sum scratch, at least {@code rows} long
     */
    void scoreBlock(double[] x, int rows, double[] out, int outAt, int[] node, double[] sum) {
        int d = dims;
        Arrays.fill(sum, 0, rows, 0);
        for (int t = 0; t < root.length; t++) {
            Arrays.fill(node, 0, rows, root[t]);
            int w = k + 1;
            double[] real = packedReal;
            int[] ints = packedInt;
            for (int level = levels[t]; level > 0; level--) {
                if (k == 1) {
                    for (int r = 0; r < rows; r++) {
                        int at = node[r] * 2;
                        double dot = real[at + 1] * x[r * d + ints[at + 1]];
                        node[r] = ints[at] + (dot - real[at] > 0 ? 1 : 0);
                    }
                } else if (k == 2) {
                    for (int r = 0; r < rows; r++) {
                        int at = node[r] * 3;
                        int xr = r * d;
                        double dot = real[at + 1] * x[xr + ints[at + 1]];
                        dot += real[at + 2] * x[xr + ints[at + 2]];
                        node[r] = ints[at] + (dot - real[at] > 0 ? 1 : 0);
                    }
                } else {
                    for (int r = 0; r < rows; r++) {
                        int at = node[r] * w;
                        int xr = r * d;
                        double dot = 0;
                        for (int q = 1; q <= k; q++) {
                            dot += real[at + q] * x[xr + ints[at + q]];
                        }
                        node[r] = ints[at] + (dot - real[at] > 0 ? 1 : 0);
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                sum[r] += pathValue[node[r]];
            }
        }
        double scale = -1.0 / (root.length * cPsi);
        for (int r = 0; r < rows; r++) {
            out[outAt + r] = Math.pow(2, sum[r] * scale);
        }
    }

    /** The score of one point (standardised, {@code dims} values from {@code at}); for tests and contributions of single rows. */
    double score(double[] x, int at) {
        double sum = 0;
        for (int t = 0; t < root.length; t++) {
            int i = root[t];
            while (child[i] != i) {
                double dot = 0;
                for (int q = 0; q < k; q++) {
                    dot += coef[i * k + q] * x[at + index[i * k + q]];
                }
                i = child[i] + (dot - offset[i] > 0 ? 1 : 0);
            }
            sum += pathValue[i];
        }
        return Math.pow(2, sum * (-1.0 / (root.length * cPsi)));
    }

    /** One tree while it grows: growable arrays, node 0 its root. */
    static final class Tree {
        int nodes;
        int levels;
        int[] child = new int[64];
        double[] offset = new double[64];
        int[] index;
        double[] coef;
        int[] size = new int[64];
        int[] depth = new int[64];
        private final int k;
        private final int d;
        private final double[] pts; // row-major sample
        private final int[] coords; // scratch: a permutation of the coordinates
        private final int[] chosen;
        private final double[] normal;
        private final SplittableRandom rnd;

        private Tree(int k, int d, double[] pts, SplittableRandom rnd) {
            this.k = k;
            this.d = d;
            this.pts = pts;
            this.rnd = rnd;
            this.index = new int[64 * k];
            this.coef = new double[64 * k];
            this.coords = new int[d];
            for (int j = 0; j < d; j++) {
                coords[j] = j;
            }
            this.chosen = new int[k];
            this.normal = new double[k];
        }

        static Tree grow(double[][] points, int count, int subSample, int maxDepth, int k, SplittableRandom rnd) {
            int d = points.length;
            int[] sample = sample(count, subSample, rnd);
            double[] pts = new double[subSample * d];
            for (int i = 0; i < subSample; i++) {
                int row = sample[i];
                for (int j = 0; j < d; j++) {
                    pts[i * d + j] = points[j][row];
                }
            }
            Tree tree = new Tree(k, d, pts, rnd);
            int[] ids = new int[subSample];
            for (int i = 0; i < subSample; i++) {
                ids[i] = i;
            }
            tree.allocate(1);
            tree.split(0, ids, 0, subSample, 0, maxDepth);
            return tree;
        }

        /** {@code m} distinct integers from {@code [0, n)}, Floyd's algorithm; all of them, in order, when m = n. */
        static int[] sample(int n, int m, SplittableRandom rnd) {
            int[] out = new int[m];
            if (m == n) {
                for (int i = 0; i < n; i++) {
                    out[i] = i;
                }
                return out;
            }
            int capacity = Integer.highestOneBit(Math.max(4, m * 4 - 1)) << 1;
            int[] table = new int[capacity];
            Arrays.fill(table, -1);
            int mask = capacity - 1;
            int filled = 0;
            for (int j = n - m; j < n; j++) {
                int t = rnd.nextInt(j + 1);
                int pick = contains(table, mask, t) ? j : t;
                insert(table, mask, pick);
                out[filled++] = pick;
            }
            return out;
        }

        private static boolean contains(int[] table, int mask, int v) {
            for (int h = mix(v) & mask; table[h] != -1; h = (h + 1) & mask) {
                if (table[h] == v) {
                    return true;
                }
            }
            return false;
        }

        private static void insert(int[] table, int mask, int v) {
            int h = mix(v) & mask;
            while (table[h] != -1) {
                h = (h + 1) & mask;
            }
            table[h] = v;
        }

        private static int mix(int v) {
            int h = v * 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        /** Adds {@code n} nodes, returning the first one's index. */
        private int allocate(int n) {
            int first = nodes;
            nodes += n;
            if (nodes > child.length) {
                int cap = Math.max(nodes, child.length * 2);
                child = Arrays.copyOf(child, cap);
                offset = Arrays.copyOf(offset, cap);
                size = Arrays.copyOf(size, cap);
                depth = Arrays.copyOf(depth, cap);
                index = Arrays.copyOf(index, cap * k);
                coef = Arrays.copyOf(coef, cap * k);
            }
            return first;
        }

        private void leaf(int node, int points, int level) {
            child[node] = node;
            size[node] = points;
            depth[node] = level;
            levels = Math.max(levels, level);
            // index 0, coefficient 0, offset 0: a walk stays here
        }

        private void split(int node, int[] ids, int from, int to, int level, int maxDepth) {
            int n = to - from;
            if (level >= maxDepth || n <= 1) {
                leaf(node, n, level);
                return;
            }
            // k coordinates without replacement (a partial Fisher-Yates shuffle), kept in ascending order
            for (int q = 0; q < k; q++) {
                int j = q + rnd.nextInt(d - q);
                int tmp = coords[q];
                coords[q] = coords[j];
                coords[j] = tmp;
            }
            System.arraycopy(coords, 0, chosen, 0, k);
            Arrays.sort(chosen);
            double pn = 0;
            boolean separable = false;
            for (int q = 0; q < k; q++) {
                int c = chosen[q];
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    double v = pts[ids[i] * d + c];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                separable |= max > min;
                normal[q] = gaussian(rnd);
                double p = min + (max - min) * rnd.nextDouble();
                pn += normal[q] * p;
            }
            if (!separable) {
                leaf(node, n, level);
                return;
            }
            // partition: (x − p)·n ≤ 0 goes left, computed as x·n − p·n exactly as Forest scores it
            int mid = from;
            for (int i = from; i < to; i++) {
                int id = ids[i];
                int base = id * d;
                double dot = 0;
                for (int q = 0; q < k; q++) {
                    dot += normal[q] * pts[base + chosen[q]];
                }
                if (!(dot - pn > 0)) {
                    ids[i] = ids[mid];
                    ids[mid++] = id;
                }
            }
            int left = allocate(2);
            child[node] = left;
            offset[node] = pn;
            depth[node] = level;
            size[node] = n;
            System.arraycopy(chosen, 0, index, node * k, k);
            System.arraycopy(normal, 0, coef, node * k, k);
            split(left, ids, from, mid, level + 1, maxDepth);
            split(left + 1, ids, mid, to, level + 1, maxDepth);
        }

        /** A standard normal draw: Box–Muller with {@link StrictMath}, so the same on every JVM. */
        private static double gaussian(SplittableRandom rnd) {
            double u = 1 - rnd.nextDouble(); // (0, 1]
            double v = rnd.nextDouble();
            return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
        }
    }
}
