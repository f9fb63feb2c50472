package org.optlab.optimizers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validated hyper-parameter values of one optimizer, in descriptor order: every declared parameter is present, given
 * or defaulted. Made by {@link OptimizerDescriptor#configure(Map)}.
 */
public final class HyperParameters {

    private final String optimizerId;
    private final Map<String, Object> values;

    HyperParameters(String optimizerId, Map<String, Object> values) {
        this.optimizerId = optimizerId;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String optimizerId() {
        return optimizerId;
    }

    public double real(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public long integer(String name) {
        return ((Number) get(name)).longValue();
    }

    public boolean flag(String name) {
        return (Boolean) get(name);
    }

    /** All values by name, in descriptor order (unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(optimizerId + " has no hyper-parameter '" + name + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return optimizerId + values;
    }
}
