package io.ablate4j.network;

import io.ablate4j.config.VariantConfig;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * Loads the user's classes, {@link NetworkTemplate}s and java data classes ({@link #instance}): from the jars of
 * {@code --classpath} (or {@code ABLATE4J_CLASSPATH}, entries separated by the platform's path separator) through one
 * class loader over them, else from the thread's context class loader (a Spark executor that received the jars with
 * the job). An instance belongs to whoever builds
 * networks (a run, a Spark executor): two runs in one JVM with different class paths each load their own classes.
 */
public final class Templates {
    /** The environment variable read when no {@code --classpath} was given. */
    public static final String ENV = "ABLATE4J_CLASSPATH";
    /** The entries given, or null: those of {@link #ENV}, read on first use. */
    private final List<Path> given;
    private List<Path> jars;
    private ClassLoader loader;

    /**
     * Templates from these jars or class directories (the CLI's {@code --classpath}); each must exist.
     *
     * @throws TemplateException naming an entry that does not exist or is not a usable class path entry
     */
    public Templates(List<Path> entries) {
        this.given = List.copyOf(entries);
        resolve(given);
    }

    private Templates() {
        this.given = null;
    }

    /** Templates from the jars {@link #ENV} lists (none when it is unset), read and checked on first use. */
    public static Templates fromEnvironment() {
        return new Templates();
    }

    /** {@code entries} when not null, else {@link #fromEnvironment()}. */
    public static Templates of(List<Path> entries) {
        return entries == null ? fromEnvironment() : new Templates(entries);
    }

    private void resolve(List<Path> entries) {
        for (Path p : entries) {
            if (!Files.exists(p)) {
                throw new TemplateException(p + ": no such file (--classpath / " + ENV + " lists the jars or class "
                        + "directories that hold java templates)");
            }
        }
        List<URL> urls = new ArrayList<>();
        for (Path p : entries) {
            try {
                urls.add(p.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new TemplateException(p + ": not a usable class path entry: " + e.getMessage(), e);
            }
        }
        jars = List.copyOf(entries);
        loader = urls.isEmpty() ? null : new URLClassLoader("ablate4j-templates", urls.toArray(URL[]::new),
                Templates.class.getClassLoader());
    }

    /** The jars in use: those given, else those of {@code ABLATE4J_CLASSPATH}, else none. */
    public synchronized List<Path> classpath() {
        if (jars == null) {
            String env = System.getenv(ENV);
            List<Path> entries = new ArrayList<>();
            if (env != null) {
                for (String s : env.split(File.pathSeparator)) {
                    if (!s.isBlank()) {
                        entries.add(Path.of(s));
                    }
                }
            }
            resolve(entries);
        }
        return jars;
    }

    /** A new instance of the template class; every reason it cannot be had is a {@link TemplateException}. */
    public NetworkTemplate load(String className) {
        return instance(className, NetworkTemplate.class, "MultiLayerConfiguration build(TrialFactors)");
    }

    /**
     * A new instance of a class of this class path that implements {@code type} (a network template, a java data
     * class): the one way user classes are loaded, through the one class loader of these jars.
     *
     * @param method the interface's one method, for the message when the class does not implement it
     * @throws TemplateException naming every reason the instance cannot be had (not on the class path, not a
     *                           {@code type}, abstract, no public no-argument constructor, the constructor threw)
     */
    public <T> T instance(String className, Class<T> type, String method) {
        List<Path> cp = classpath();
        ClassLoader l;
        synchronized (this) {
            l = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        }
        Class<?> c;
        try {
            c = Class.forName(className, true, l != null ? l : Templates.class.getClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new TemplateException("class " + className + " not found on the class path ("
                    + (cp.isEmpty() ? "no --classpath given and " + ENV + " unset" : "--classpath " + joined(cp))
                    + "); give the jar that holds it with --classpath JAR or " + ENV + "=JAR", e);
        } catch (LinkageError e) {
            throw new TemplateException("class " + className + " cannot be loaded: " + e, e);
        }
        if (!type.isAssignableFrom(c)) {
            throw new TemplateException("class " + className + " does not implement " + type.getName()
                    + " (one method: " + method + ")");
        }
        if (Modifier.isAbstract(c.getModifiers()) || c.isInterface()) {
            throw new TemplateException("class " + className + " is abstract; name a concrete class");
        }
        Constructor<?> ctor;
        try {
            ctor = c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new TemplateException("class " + className + " has no public no-argument constructor", e);
        }
        try {
            return type.cast(ctor.newInstance());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new TemplateException("class " + className + ": its constructor threw " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new TemplateException("class " + className + " cannot be instantiated: " + e, e);
        }
    }

    /**
     * The network of a java template for one trial, checked against the trial's factors.
     *
     * @throws TemplateException when the class cannot be loaded, the template throws or returns null, or the network
     *                           contradicts the factors
     */
    MultiLayerConfiguration build(VariantConfig variant, int numFeatures, int numOutputs, long seed) {
        String className = variant.model().templateClass();
        NetworkTemplate template = load(className);
        TrialFactors factors = TrialFactors.of(variant, numFeatures, numOutputs, seed);
        MultiLayerConfiguration conf;
        try {
            conf = template.build(factors);
        } catch (RuntimeException | LinkageError e) {
            throw new TemplateException("template " + className + " threw " + e + " building the network of seed "
                    + seed, e);
        }
        if (conf == null) {
            throw new TemplateException("template " + className + " returned null");
        }
        List<String> problems = TemplateCheck.problems(conf, factors);
        if (!problems.isEmpty()) {
            throw new TemplateException("template " + className + " returned a network that contradicts the trial's "
                    + "factors (seed " + seed + "): " + String.join("; ", problems));
        }
        return conf;
    }

    private static String joined(List<Path> cp) {
        List<String> s = new ArrayList<>();
        cp.forEach(p -> s.add(p.toString()));
        return String.join(File.pathSeparator, s);
    }
}
