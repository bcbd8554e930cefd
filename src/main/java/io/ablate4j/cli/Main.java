package io.ablate4j.cli;

import io.ablate4j.config.ConfigException;
import io.ablate4j.data.DataException;
import io.ablate4j.run.NativeBuild;
import io.ablate4j.run.RunException;
import io.ablate4j.run.StorageException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ablate4j}: parse, delegate, map outcomes to exit codes. */
@Command(name = "ablate4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Regularization ablation studies on Deeplearning4j: dropout, batch norm, L1/L2/weight decay.",
        subcommands = {RunCommand.class, ValidateCommand.class, PlanCommand.class, SchemaCommand.class, ReportCommand.class,
                CompareCommand.class, ServeCommand.class,
                BenchCommand.class,
                DataCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success; 2 invalid usage, config or data (nothing written), or the file "
                + "system stopped the run (disk full, read-only, I/O or permission error: what was recorded is kept; "
                + "fix it and rerun with --resume); 3 run finished but some trials failed (compare: B does not reproduce A); "
                + "1 unexpected error."})
public final class Main implements Runnable {
    /** Exit codes of the CLI contract. */
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int TRIALS_FAILED = 3;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (for tests and embedding). */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        try {
            NativeBuild.select(); // before anything loads ND4J
        } catch (IllegalArgumentException e) {
            cli.getErr().println("error: " + e.getMessage());
            cli.getErr().flush();
            return USAGE;
        }
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            PrintWriter err = commandLine.getErr();
            if (e instanceof ConfigException || e instanceof DataException || e instanceof RunException
                    || e instanceof StorageException) {
                err.println("error: " + e.getMessage());
                if (debug) {
                    e.printStackTrace(err);
                }
                err.flush();
                return USAGE;
            }
            err.println("unexpected error: " + e);
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --debug for the stack trace)");
            }
            err.flush();
            return ERROR;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("See '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run, validate, plan, schema, "
                + "report, compare, serve, data or bench");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"ablate4j " + io.ablate4j.run.Provenance.toolVersion() + " (Deeplearning4j "
                    + io.ablate4j.run.Provenance.DL4J_VERSION + ", Java " + System.getProperty("java.version") + ")"};
        }
    }
}
