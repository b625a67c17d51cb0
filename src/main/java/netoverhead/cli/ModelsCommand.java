package netoverhead.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List every I/O model and whether it can run on this machine.")
public final class ModelsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        int width = ModelRegistry.names().stream().mapToInt(String::length).max().orElse(8);
        for (Model m : ModelRegistry.all()) {
            System.out.printf("%-" + width + "s  %s%n%-" + width + "s    %s%n", m.name(), m.availability(), "", m.description());
        }
        return ExitCodes.OK;
    }
}
