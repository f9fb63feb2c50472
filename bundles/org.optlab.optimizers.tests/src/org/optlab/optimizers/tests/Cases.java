package org.optlab.optimizers.tests;

import java.util.List;
import java.util.Map;

import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.Optimizer;
import org.optlab.optimizers.OptimizerRegistry;

/** The optimizer configurations the tests sweep (the runs themselves use the conformance kit's {@code Runs}). */
final class Cases {

    private Cases() {
    }

    record Case(String label, String id, Map<String, ?> hyperParameters) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final OptimizerRegistry REGISTRY = OptimizerRegistry.fromExtensions();

    static final List<String> IDS = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam",
            "adamw", "amsgrad", "adamax", "nadam", "radam", "adabound", "amsbound", "aggmo", "qhm", "qhadam",
            "lookahead", "lion", "yogi", "adabelief", "lamb", "rprop");

    /** Every optimizer with its defaults, then variants that switch on each flag and decay term. */
    static List<Case> all() {
        var cases = new java.util.ArrayList<Case>();
        for (String id : IDS) {
            cases.add(new Case(id, id, Map.of()));
        }
        cases.add(new Case("sgd+momentum+dampening+wd", "sgd",
                Map.of("lr", 0.01, "momentum", 0.9, "dampening", 0.1, "weight_decay", 0.01)));
        cases.add(new Case("adagrad+lr_decay+wd+init", "adagrad",
                Map.of("lr_decay", 0.01, "weight_decay", 0.1, "initial_accumulator_value", 0.5)));
        cases.add(new Case("rmsprop+centered+momentum+wd", "rmsprop",
                Map.of("centered", true, "momentum", 0.9, "weight_decay", 0.1)));
        cases.add(new Case("adadelta+wd", "adadelta", Map.of("weight_decay", 0.1)));
        cases.add(new Case("adam+l2", "adam", Map.of("weight_decay", 0.1)));
        cases.add(new Case("adamax+wd", "adamax", Map.of("weight_decay", 0.1)));
        cases.add(new Case("nadamw", "nadam", Map.of("decoupled_weight_decay", true, "weight_decay", 0.1)));
        cases.add(new Case("radam-rectified", "radam", Map.of("lr", 0.01, "weight_decay", 0.1)));
        cases.add(new Case("aggmo+wd", "aggmo", Map.of("betas", List.of(0.5, 0.95), "weight_decay", 0.01)));
        cases.add(new Case("lion+wd", "lion", Map.of("weight_decay", 0.1)));
        cases.add(new Case("adabelief+amsgrad+l2", "adabelief",
                Map.of("amsgrad", true, "decoupled_weight_decay", false, "weight_decay", 0.1)));
        cases.add(new Case("lamb+wd", "lamb", Map.of("weight_decay", 0.01)));
        cases.add(new Case("lamb-no-debias", "lamb", Map.of("debias", false)));
        cases.add(new Case("rprop-big-steps", "rprop", Map.of("lr", 0.5)));
        cases.add(new Case("lookahead(momentum)", "lookahead",
                Map.of("k", 3, "alpha", 0.8, "inner", Map.of("id", "momentum", "lr", 0.01))));
        return cases;
    }

    static Optimizer create(Case c, ExecutionPath path) {
        Optimizer optimizer = REGISTRY.create(c.id(), c.hyperParameters());
        optimizer.setExecutionPath(path);
        return optimizer;
    }

}
