package org.optlab.optimizers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated hyper-parameter values of one optimizer or schedule, in declared order: every declared parameter is
 * present, given or defaulted. Made by {@link #configure(String, List, Map)}.
 */
public final class HyperParameters {

    private final String ownerId;
    private final Map<String, Object> values;

    HyperParameters(String ownerId, Map<String, Object> values) {
        this.ownerId = ownerId;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Validates {@code given} against {@code declared} and fills in defaults for what is not given.
     *
     * @param ownerId the optimizer or schedule id, named in error messages
     * @throws InvalidHyperParameterException for an unknown name or a value outside its range
     */
    public static HyperParameters configure(String ownerId, List<HyperParameter> declared, Map<String, ?> given) {
        for (String key : given.keySet()) {
            if (declared.stream().noneMatch(p -> p.name().equals(key))) {
                throw new InvalidHyperParameterException(ownerId, key, given.get(key), "one of the known hyper-parameters "
                        + declared.stream().map(HyperParameter::name).toList());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (HyperParameter p : declared) {
            Object value = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue();
            values.put(p.name(), p.validate(ownerId, value));
        }
        return new HyperParameters(ownerId, values);
    }

    /** The id of the optimizer or schedule these values belong to. */
    public String ownerId() {
        return ownerId;
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

    public long[] integers(String name) {
        return ((List<?>) get(name)).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    public double[] reals(String name) {
        return ((List<?>) get(name)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** Another optimizer's id (under {@code id}) and hyper-parameters. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> optimizer(String name) {
        return (Map<String, Object>) get(name);
    }

    /** All values by name, in descriptor order (unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(ownerId + " has no hyper-parameter '" + name + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return ownerId + values;
    }
}
