package org.optlab.core.surface;

import java.util.Locale;

/**
 * A function of x and y typed by a user, e.g. {@code (x/4)^2 + (y/2)^2}, with exact gradients by automatic
 * differentiation (forward mode, one tangent per variable) rather than finite differences.
 * <p>
 * Syntax: numbers ({@code 1}, {@code 2.5}, {@code 1e-3}), the variables {@code x} and {@code y}, the constants
 * {@code pi} and {@code e}, {@code + - * / ^} ({@code ^} binds tightest and to the right; unary minus binds looser than
 * {@code ^}, so {@code -x^2} is {@code -(x^2)}), parentheses, and the functions {@code exp log sin cos tan sqrt abs
 * tanh}.
 * <p>
 * Limits: at most {@value #MAX_NESTING} nested parentheses, function calls, powers and signs, and at most
 * {@value #MAX_OPERATIONS} operations in all (the parser and the evaluation recurse over the formula).
 */
public final class Formula {

    /** The deepest nesting of parentheses, function calls, powers and unary signs. */
    public static final int MAX_NESTING = 100;
    /** The most operations (operators and function calls) in one formula. */
    public static final int MAX_OPERATIONS = 2000;

    private final String text;
    private final Node root;
    private final boolean usesY;

    private Formula(String text, Node root, boolean usesY) {
        this.text = text;
        this.root = root;
        this.usesY = usesY;
    }

    /**
     * Parses {@code text}.
     *
     * @throws FormulaException naming the 1-based position and the problem
     */
    public static Formula parse(String text) {
        Parser parser = new Parser(text);
        Node root = parser.parse();
        return new Formula(text, root, parser.usesY);
    }

    public String text() {
        return text;
    }

    /** True when the formula mentions y (a 2-D surface); false for a curve in x. */
    public boolean usesY() {
        return usesY;
    }

    /** f(x, y). */
    public double value(double x, double y) {
        return root.eval(new Dual(x, 1, 0), new Dual(y, 0, 1)).v;
    }

    /** f(x, y); writes df/dx and df/dy into {@code gradient[0]} and, when it has two entries, {@code gradient[1]}. */
    public double valueAndGradient(double x, double y, double[] gradient) {
        Dual d = root.eval(new Dual(x, 1, 0), new Dual(y, 0, 1));
        if (gradient != null) {
            gradient[0] = d.dx;
            if (gradient.length > 1) {
                gradient[1] = d.dy;
            }
        }
        return d.v;
    }

    /** A value with its derivatives with respect to x and y. */
    private record Dual(double v, double dx, double dy) {

        /** f(this) where f'(v) = slope. */
        Dual chain(double value, double slope) {
            return new Dual(value, dx * slope, dy * slope);
        }
    }

    private interface Node {
        Dual eval(Dual x, Dual y);
    }

    private static Dual pow(Dual a, Dual b) {
        double value = Math.pow(a.v, b.v);
        boolean constantExponent = b.dx == 0 && b.dy == 0;
        if (constantExponent) {
            // d(a^c) = c a^(c-1) a'; at a = 0 with c >= 1 the slope is finite (0 for c > 1).
            double slope = b.v == 0 ? 0 : b.v == 1 ? 1 : b.v * Math.pow(a.v, b.v - 1);
            return a.chain(value, slope);
        }
        // d(a^b) = a^b (b' ln a + b a' / a); at a = 0 with b > 1 the function is flat there.
        if (a.v == 0) {
            return new Dual(value, 0, 0);
        }
        double log = Math.log(a.v);
        return new Dual(value, value * (b.dx * log + b.v * a.dx / a.v), value * (b.dy * log + b.v * a.dy / a.v));
    }

    private static Dual function(String name, Dual a) {
        return switch (name) {
            case "exp" -> a.chain(Math.exp(a.v), Math.exp(a.v));
            case "log" -> a.chain(Math.log(a.v), 1 / a.v);
            case "sin" -> a.chain(Math.sin(a.v), Math.cos(a.v));
            case "cos" -> a.chain(Math.cos(a.v), -Math.sin(a.v));
            case "tan" -> a.chain(Math.tan(a.v), 1 / (Math.cos(a.v) * Math.cos(a.v)));
            case "tanh" -> a.chain(Math.tanh(a.v), 1 - Math.tanh(a.v) * Math.tanh(a.v));
            case "sqrt" -> a.chain(Math.sqrt(a.v), a.v == 0 ? 0 : 0.5 / Math.sqrt(a.v));
            case "abs" -> a.chain(Math.abs(a.v), Math.signum(a.v));
            default -> throw new IllegalStateException(name);
        };
    }

    /** Recursive descent: sum := term (('+'|'-') term)*; term := unary (('*'|'/') unary)*; unary := '-' unary | power;
     * power := atom ('^' unary)?; atom := number | name | name '(' sum ')' | '(' sum ')'. */
    private static final class Parser {
        private static final java.util.Set<String> FUNCTIONS = java.util.Set.of("exp", "log", "sin", "cos", "tan",
                "sqrt", "abs", "tanh");
        private final String text;
        private int pos;
        private int depth;
        private int operations;
        boolean usesY;

        /** Enters a nested construct that starts at {@code at}; {@link #leave} when it ends. */
        private void enter(int at) {
            if (++depth > MAX_NESTING) {
                throw new FormulaException(text, at + 1, "nested more than " + MAX_NESTING
                        + " deep; expected a flatter formula");
            }
        }

        private void leave() {
            depth--;
        }

        /** Counts one operation that starts at {@code at}. */
        private void operation(int at) {
            if (++operations > MAX_OPERATIONS) {
                throw new FormulaException(text, at + 1, "more than " + MAX_OPERATIONS
                        + " operations; expected a shorter formula");
            }
        }

        Parser(String text) {
            this.text = text;
        }

        Node parse() {
            if (text.isBlank()) {
                throw new FormulaException(text, 1, "the formula is empty");
            }
            Node node = sum();
            skipSpaces();
            if (pos < text.length()) {
                throw new FormulaException(text, pos + 1, "unexpected '" + text.charAt(pos) + "'");
            }
            return node;
        }

        private Node sum() {
            Node left = term();
            while (true) {
                skipSpaces();
                if (accept('+')) {
                    operation(pos - 1);
                    Node l = left, r = term();
                    left = (x, y) -> {
                        Dual a = l.eval(x, y), b = r.eval(x, y);
                        return new Dual(a.v + b.v, a.dx + b.dx, a.dy + b.dy);
                    };
                } else if (accept('-')) {
                    operation(pos - 1);
                    Node l = left, r = term();
                    left = (x, y) -> {
                        Dual a = l.eval(x, y), b = r.eval(x, y);
                        return new Dual(a.v - b.v, a.dx - b.dx, a.dy - b.dy);
                    };
                } else {
                    return left;
                }
            }
        }

        private Node term() {
            Node left = unary();
            while (true) {
                skipSpaces();
                if (accept('*')) {
                    operation(pos - 1);
                    Node l = left, r = unary();
                    left = (x, y) -> {
                        Dual a = l.eval(x, y), b = r.eval(x, y);
                        return new Dual(a.v * b.v, a.dx * b.v + a.v * b.dx, a.dy * b.v + a.v * b.dy);
                    };
                } else if (accept('/')) {
                    operation(pos - 1);
                    Node l = left, r = unary();
                    left = (x, y) -> {
                        Dual a = l.eval(x, y), b = r.eval(x, y);
                        double q = a.v / b.v;
                        return new Dual(q, (a.dx - q * b.dx) / b.v, (a.dy - q * b.dy) / b.v);
                    };
                } else {
                    return left;
                }
            }
        }

        private Node unary() {
            skipSpaces();
            if (accept('-')) {
                operation(pos - 1);
                enter(pos - 1);
                Node inner = unary();
                leave();
                return (x, y) -> {
                    Dual a = inner.eval(x, y);
                    return new Dual(-a.v, -a.dx, -a.dy);
                };
            }
            if (accept('+')) {
                enter(pos - 1);
                Node inner = unary();
                leave();
                return inner;
            }
            return power();
        }

        private Node power() {
            Node base = atom();
            skipSpaces();
            if (accept('^')) {
                operation(pos - 1);
                enter(pos - 1);
                Node exponent = unary();
                leave();
                return (x, y) -> pow(base.eval(x, y), exponent.eval(x, y));
            }
            return base;
        }

        private Node atom() {
            skipSpaces();
            if (pos >= text.length()) {
                throw new FormulaException(text, pos + 1, "the formula ends where a number, variable or '(' is expected");
            }
            char c = text.charAt(pos);
            if (accept('(')) {
                enter(pos - 1);
                Node inner = sum();
                expect(')');
                leave();
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                return number();
            }
            if (Character.isLetter(c)) {
                int start = pos;
                while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                    pos++;
                }
                String name = text.substring(start, pos).toLowerCase(Locale.ROOT);
                switch (name) {
                    case "x":
                        return (x, y) -> x;
                    case "y":
                        usesY = true;
                        return (x, y) -> y;
                    case "pi":
                        return constant(Math.PI);
                    case "e":
                        return constant(Math.E);
                    default:
                        if (!FUNCTIONS.contains(name)) {
                            throw new FormulaException(text, start + 1, "unknown name '" + text.substring(start, pos)
                                    + "'; expected x, y, pi, e or one of " + new java.util.TreeSet<>(FUNCTIONS));
                        }
                        skipSpaces();
                        if (!accept('(')) {
                            throw new FormulaException(text, pos + 1, "'(' expected after " + name);
                        }
                        operation(start);
                        enter(start);
                        Node argument = sum();
                        expect(')');
                        leave();
                        return (x, y) -> function(name, argument.eval(x, y));
                }
            }
            throw new FormulaException(text, pos + 1, "unexpected '" + c + "'");
        }

        private Node number() {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E') && pos + 1 < text.length()
                    && (Character.isDigit(text.charAt(pos + 1))
                            || ((text.charAt(pos + 1) == '-' || text.charAt(pos + 1) == '+') && pos + 2 < text.length()
                                    && Character.isDigit(text.charAt(pos + 2))))) {
                pos += 2;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            try {
                return constant(Double.parseDouble(text.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw new FormulaException(text, start + 1, "bad number '" + text.substring(start, pos) + "'");
            }
        }

        private static Node constant(double value) {
            Dual d = new Dual(value, 0, 0);
            return (x, y) -> d;
        }

        private void expect(char c) {
            skipSpaces();
            if (!accept(c)) {
                throw new FormulaException(text, pos + 1, pos < text.length()
                        ? "'" + c + "' expected, found '" + text.charAt(pos) + "'" : "'" + c + "' expected at the end");
            }
        }

        private boolean accept(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
