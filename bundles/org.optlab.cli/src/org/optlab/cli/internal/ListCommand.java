package org.optlab.cli.internal;

import java.util.List;

import org.optlab.optimizers.HyperParameter;
import org.optlab.optimizers.OptimizerDescriptor;
import org.optlab.optimizers.Range;
import org.optlab.optimizers.schedule.ScheduleDescriptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code optlab list optimizers|schedules|guides [--json]}: what is installed. */
@Command(name = "list", description = "List what the lab has installed.",
        subcommands = { ListCommand.Optimizers.class, ListCommand.Schedules.class, ListCommand.GuideList.class })
final class ListCommand implements Runnable {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @ParentCommand
    OptlabCommand root;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing what to list");
    }

    /** A listing: one id per line, or with {@code --json} every descriptor in full. */
    abstract static class Listing implements Runnable {

        @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--json", description = "Print every descriptor as a JSON array.")
        boolean json;

        @Spec
        CommandSpec spec;

        abstract List<String> ids();

        abstract String asJson();

        @Override
        public void run() {
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(asJson());
            } else {
                ids().forEach(out::println);
            }
        }
    }

    @Command(name = "optimizers", description = "The registered optimizers: one id per line, or --json for details.")
    static final class Optimizers extends Listing {

        @ParentCommand
        ListCommand list;

        @Override
        List<String> ids() {
            return list.root.registry().descriptors().stream().map(OptimizerDescriptor::id).toList();
        }

        @Override
        String asJson() {
            return toJson(list.root.registry().descriptors());
        }

        /** The listing, then on stderr each contribution that was skipped, naming its plugin or dropins/ file. */
        @Override
        public void run() {
            super.run();
            list.root.registry().problems().forEach(p -> spec.commandLine().getErr().println("optlab: skipped " + p));
            Dropins.problems().forEach(p -> spec.commandLine().getErr().println("optlab: skipped " + p));
        }
    }

    @Command(name = "schedules", description = "The learning-rate schedules: one id per line, or --json for details.")
    static final class Schedules extends Listing {

        @Override
        List<String> ids() {
            return org.optlab.optimizers.schedule.Schedules.descriptors().stream().map(ScheduleDescriptor::id).toList();
        }

        @Override
        String asJson() {
            return schedulesToJson(org.optlab.optimizers.schedule.Schedules.descriptors());
        }
    }

    @Command(name = "guides", description = "The guided experiments: id and title (--json: with their steps).")
    static final class GuideList extends Listing {

        @Override
        List<String> ids() {
            return org.optlab.runner.guide.Guides.all().stream().map(g -> g.id() + "  " + g.title()).toList();
        }

        @Override
        String asJson() {
            ArrayNode array = MAPPER.createArrayNode();
            for (org.optlab.runner.guide.Guide g : org.optlab.runner.guide.Guides.all()) {
                ObjectNode node = array.addObject().put("id", g.id()).put("title", g.title()).put("summary", g.summary());
                ArrayNode steps = node.putArray("steps");
                g.steps().forEach(step -> steps.addObject().put("title", step.title()).set("experiment", step.experiment()));
            }
            return write(array);
        }
    }

    /**
     * The JSON form of schedule descriptors: {@code [{id, name, summary, hyper_parameters: [...]}]}, the parameters
     * as in {@link #toJson(List)}.
     */
    static String schedulesToJson(List<ScheduleDescriptor> descriptors) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ScheduleDescriptor d : descriptors) {
            ObjectNode node = array.addObject();
            node.put("id", d.id()).put("name", d.name()).put("summary", d.summary());
            putParameters(node, d.parameters());
        }
        return write(array);
    }

    /**
     * The JSON form of descriptors: {@code [{id, name, summary, citation: {authors, year, title, link},
     * hyper_parameters: [{name, type, default, range, min, max, description}]}]}; {@code min}/{@code max} are null
     * when unbounded, {@code range} is the interval in words ("[0, inf)").
     */
    static String toJson(List<OptimizerDescriptor> descriptors) {
        ArrayNode array = MAPPER.createArrayNode();
        for (OptimizerDescriptor d : descriptors) {
            ObjectNode node = array.addObject();
            node.put("id", d.id()).put("name", d.name()).put("summary", d.summary());
            node.putObject("citation").put("authors", d.citation().authors()).put("year", d.citation().year())
                    .put("title", d.citation().title()).put("link", d.citation().link());
            putParameters(node, d.hyperParameters());
        }
        return write(array);
    }

    private static void putParameters(ObjectNode node, List<HyperParameter> parameters) {
        ArrayNode hyper = node.putArray("hyper_parameters");
        for (HyperParameter p : parameters) {
            ObjectNode h = hyper.addObject();
            h.put("name", p.name()).put("type", p.kind().name().toLowerCase());
            h.putPOJO("default", p.defaultValue());
            Range r = p.range();
            if (r != null) {
                h.put("range", r.toString());
                putBound(h, "min", r.min());
                putBound(h, "max", r.max());
            }
            h.put("description", p.description());
        }
    }

    private static String write(ArrayNode array) {
        try {
            return MAPPER.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write descriptors as JSON", e);
        }
    }

    private static void putBound(ObjectNode node, String name, double value) {
        if (Double.isInfinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
