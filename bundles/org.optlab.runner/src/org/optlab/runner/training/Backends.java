package org.optlab.runner.training;

import org.optlab.runner.experiment.ExperimentException;
import org.optlab.runner.experiment.TrainingExperiment.Backend;

/** Whether the backend a run asks for can run here; says what is missing and how to fix it when not. */
final class Backends {

    /** ND4J's CUDA backend, present when the OptLab GPU feature is installed. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private Backends() {
    }

    static void check(Backend backend) {
        if (backend == Backend.GPU && !present(CUDA_BACKEND)) {
            throw new ExperimentException("backend", "\"gpu\" needs ND4J's CUDA backend (nd4j-cuda-11.6), which is"
                    + " not installed in this OptLab (it comes as an optional feature of its own); use"
                    + " \"backend\": \"cpu\"");
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Backends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
