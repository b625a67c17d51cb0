package netoverhead;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import netoverhead.cli.CacheCommand;
import netoverhead.cli.CompareCommand;
import netoverhead.cli.ExitCodes;
import netoverhead.cli.ModelsCommand;
import netoverhead.cli.ProfileCommand;
import netoverhead.cli.RecordSchedulingCommand;
import netoverhead.cli.ReportCommand;
import netoverhead.cli.RunCommand;
import netoverhead.cli.ServeCommand;
import netoverhead.cli.SetupLighttpdCommand;
import netoverhead.cli.UsageException;
import netoverhead.harness.EnvironmentProbe;

@Command(name = "netoverhead", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Measures what each way of doing network I/O costs on this machine: N concurrent "
                + "downloads of one payload per I/O model, timed, sampled and tabulated.",
        subcommands = {RunCommand.class, ServeCommand.class, ModelsCommand.class, ReportCommand.class,
                CompareCommand.class, ProfileCommand.class, RecordSchedulingCommand.class, SetupLighttpdCommand.class,
                CacheCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setParameterExceptionHandler(Main::badUsage);
        cmd.setExecutionExceptionHandler(Main::failed);
        return cmd;
    }

    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("netoverhead: " + oneLine(e.getMessage()) + " (see '"
                + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (System.getenv("NETOVERHEAD_DEBUG") != null) e.printStackTrace(err);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("netoverhead: " + oneLine(message));
        err.flush();
        return e instanceof UsageException ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').strip();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"netoverhead " + EnvironmentProbe.toolVersion(),
                    "JVM " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
