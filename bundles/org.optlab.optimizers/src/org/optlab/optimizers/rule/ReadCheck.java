package org.optlab.optimizers.rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds a rule to the meaning of its expressions: an operation means the value its inputs have where it is built
 * (its serial), while the executors compute it where it is used. The two agree unless a write to one of its inputs
 * lies between them, and that is rejected here, naming the rule and the value.
 * <p>
 * Where things run, per phase: its condition, then its scalar statements in order, then the scalars that its element
 * statements use (all of them, before any element statement), then its element statements in order. A write counts
 * against a read when it runs before the read but was written after the value was built (a stale value), or runs
 * after the read but was written before the value was built (a value read before it exists: a reduction in its own
 * phase, a scalar state an element statement assigns later in the same phase).
 */
final class ReadCheck {

    private record Write(Expr target, long serial, long position, String statement) {
    }

    private final String rule;
    private final Map<String, List<Write>> writes = new HashMap<>();

    private ReadCheck(String rule) {
        this.rule = rule;
    }

    private static long position(int phase, int group, int index) {
        return ((long) phase << 40) | ((long) group << 20) | index;
    }

    static void check(String rule, List<UpdateRule.PhaseSpec> phases) {
        ReadCheck check = new ReadCheck(rule);
        for (int phase = 0; phase < phases.size(); phase++) {
            UpdateRule.PhaseSpec spec = phases.get(phase);
            for (int i = 0; i < spec.scalarStatements.size(); i++) {
                check.write(spec.scalarStatements.get(i), position(phase, 1, i));
            }
            for (int i = 0; i < spec.statements.size(); i++) {
                check.write(spec.statements.get(i), position(phase, 2, i + 1));
            }
        }
        for (int phase = 0; phase < phases.size(); phase++) {
            UpdateRule.PhaseSpec spec = phases.get(phase);
            if (spec.condition != null) {
                long at = position(phase, 0, 0);
                check.use(spec.condition, spec.conditionSerial, at, at, phase, "the condition of phase " + phase);
            }
            for (int i = 0; i < spec.scalarStatements.size(); i++) {
                UpdateRule.Statement st = spec.scalarStatements.get(i);
                long at = position(phase, 1, i);
                check.use(st.value(), st.serial(), at, at, phase, describe(st));
            }
            long scalarsAt = position(phase, 2, 0);
            for (int i = 0; i < spec.statements.size(); i++) {
                UpdateRule.Statement st = spec.statements.get(i);
                check.use(st.value(), st.serial(), position(phase, 2, i + 1), scalarsAt, phase, describe(st));
            }
        }
    }

    private void write(UpdateRule.Statement statement, long position) {
        writes.computeIfAbsent(key(statement.target()), k -> new ArrayList<>())
                .add(new Write(statement.target(), statement.serial(), position, describe(statement)));
    }

    private static String key(Expr variable) {
        return variable.kind + "#" + variable.slot;
    }

    private static boolean isVariable(Expr e) {
        return switch (e.kind) {
            case PARAMETER, STATE, SCALAR_STATE, TEMPORARY, REDUCTION -> true;
            default -> false;
        };
    }

    /**
     * Checks {@code value}, used by a statement written at {@code serial}: element reads happen at
     * {@code elementsAt}, scalar reads at {@code scalarsAt}.
     */
    private void use(Expr value, long serial, long elementsAt, long scalarsAt, int phase, String statement) {
        Map<Expr, Boolean> seen = new IdentityHashMap<>();
        java.util.ArrayDeque<Expr> path = new java.util.ArrayDeque<>();
        // The statement itself reads a bare variable where it is written: a node with the statement's serial.
        read(path, value, value, serial, elementsAt, scalarsAt, phase, statement);
        visit(path, value, seen, elementsAt, scalarsAt, phase, statement);
    }

    /** {@code path}: the operations from the statement's value down to {@code node}, innermost first. */
    private void visit(java.util.ArrayDeque<Expr> path, Expr node, Map<Expr, Boolean> seen, long elementsAt,
            long scalarsAt, int phase, String statement) {
        if (node.kind != Expr.Kind.OPERATION || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        path.push(node);
        for (Expr input : new Expr[] {node.a, node.b, node.c}) {
            if (input != null) {
                read(path, node, input, node.serial, elementsAt, scalarsAt, phase, statement);
                visit(path, input, seen, elementsAt, scalarsAt, phase, statement);
            }
        }
        path.pop();
    }

    /** The outermost value around {@code node} that was built before {@code serial}: what the author named. */
    private static Expr outermost(java.util.ArrayDeque<Expr> path, Expr node, long serial) {
        Expr outer = node;
        for (Expr e : path) { // innermost first; serials grow outwards
            if (e.serial < serial) {
                outer = e;
            } else {
                break;
            }
        }
        return outer;
    }

    private void read(java.util.ArrayDeque<Expr> path, Expr value, Expr input, long builtAt, long elementsAt,
            long scalarsAt, int phase, String statement) {
        if (!isVariable(input)) {
            return;
        }
        long readAt = input.scalar ? scalarsAt : elementsAt;
        for (Write w : writes.getOrDefault(key(input), List.of())) {
            if (input.kind == Expr.Kind.TEMPORARY && (w.position >>> 40) != phase) {
                fail(value, "reads the temporary '" + input.name + "' outside the phase that computes it ("
                        + statement + "); a let holds for one pass over the data");
            }
            if (w.serial > builtAt && w.position < readAt) {
                fail(outermost(path, value, w.serial), "was built before '" + w.statement + "' changed '" + input.name
                        + "', and is used after it (" + statement + "), so it would read the changed '"
                        + input.name + "'; bind it with let(...) where it is built");
            }
            if (w.serial < builtAt && w.position >= readAt) {
                fail(value, "reads '" + input.name + "' (" + statement + ") before '" + w.statement
                        + "' computes it: scalars of a phase are evaluated before its element statements, and a"
                        + " sum of squares is available from the next phase on");
            }
        }
    }

    private void fail(Expr value, String what) {
        String text = value.toString();
        if (text.length() > 160) {
            text = text.substring(0, 157) + "...";
        }
        throw new IllegalStateException("rule '" + rule + "': the value " + text + " " + what);
    }

    private static String describe(UpdateRule.Statement statement) {
        String value = statement.value().toString();
        if (value.length() > 80) {
            value = value.substring(0, 77) + "...";
        }
        return statement.target().kind == Expr.Kind.REDUCTION ? statement.target().name + " = sum of " + value + "^2"
                : statement.target().name + " <- " + value;
    }
}
