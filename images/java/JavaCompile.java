import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The Java compile step, cold or warm: `JavaCompile [--warm] <entry file> <entry name>` compiles
 * every .java file under the working directory with javac (-encoding UTF-8 -d .), in name order,
 * and on success writes the entry class's package-qualified name to .main-class, which the run
 * reads as a java @argfile (so the run command is the same for packaged classes).
 *
 * <p>With --warm (a warm sandbox), javac's classes are loaded and exercised ahead on a small
 * program compiled into /tmp, then the ready byte (ASCII ACK) is written and the go line awaited
 * on stdin; what follows is exactly the cold step. Each compilation gets a fresh javac (its own
 * context, file manager and diagnostics), so its messages, class files and exit status are
 * javac's own.
 */
public final class JavaCompile {

    /** The first `package` line of the entry file, as the language's sed expression read it before. */
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([A-Za-z_$][A-Za-z0-9_$.]*)\\s*;.*$");

    public static void main(String[] args) throws IOException {
        boolean warm = args.length > 0 && args[0].equals("--warm");
        int at = warm ? 1 : 0;
        if (args.length != at + 2) {
            System.err.println("usage: JavaCompile [--warm] <entry file> <entry name>");
            System.exit(2);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (warm) {
            compileAhead(javac);
            awaitGo();
        }
        int status = javac.run(null, null, null, arguments(".", sources()));
        if (status == 0) {
            Files.writeString(Path.of(".main-class"), packageOf(Path.of(args[at])) + args[at + 1], StandardCharsets.ISO_8859_1);
        }
        System.out.flush();
        System.exit(status);
    }

    /** javac's command line, the same for the program and for the warm-up ahead of it. */
    private static String[] arguments(String outputDir, List<String> sources) {
        var arguments = new ArrayList<>(List.of("-encoding", "UTF-8", "-d", outputDir));
        arguments.addAll(sources);
        return arguments.toArray(String[]::new);
    }

    /** Every .java file under the working directory, as `./dir/Name.java`, in name order. */
    private static List<String> sources() throws IOException {
        try (Stream<Path> paths = Files.walk(Path.of("."))) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".java") && !Files.isDirectory(path))
                    .map(Path::toString).sorted(Comparator.naturalOrder()).toList();
        }
    }

    /** "pkg." for an entry file whose first package line names pkg; bytes read as sed reads them. */
    static String packageOf(Path entry) throws IOException {
        String text = Files.readString(entry, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n", -1)) {
            Matcher matcher = PACKAGE.matcher(line);
            if (matcher.matches()) {
                return matcher.group(1) + ".";
            }
        }
        return "";
    }

    private static void compileAhead(JavaCompiler javac) throws IOException {
        Path dir = Files.createTempDirectory("javac-warm");
        Path source = dir.resolve("Warm.java");
        Files.writeString(source, """
                import java.util.*;
                import java.util.stream.*;
                public class Warm {
                    record Point(int x, int y) {}
                    interface Shape { double area(); }
                    public static void main(String[] args) throws Exception {
                        List<Point> points = new ArrayList<>();
                        for (int i = 0; i < 3; i++) points.add(new Point(i, i * i));
                        Map<Integer, String> names = points.stream().collect(Collectors.toMap(Point::x, p -> "p" + p.y()));
                        Shape unit = () -> 1.0;
                        Scanner in = new Scanner(System.in);
                        System.out.printf("%s %s %.1f%n", points, names, unit.area());
                        String text = switch (args.length) { case 0 -> "none"; default -> String.join(",", args); };
                        System.out.println(text + in.hasNext());
                    }
                }
                """);
        var quiet = java.io.OutputStream.nullOutputStream();
        javac.run(null, quiet, quiet, arguments(dir.toString(), List.of(source.toString())));
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Writes the ready byte and waits for the go line, reading stdin unbuffered. */
    private static void awaitGo() throws IOException {
        System.out.write(6);
        System.out.flush();
        InputStream stdin = new FileInputStream(FileDescriptor.in);
        for (int read; (read = stdin.read()) != '\n'; ) {
            if (read < 0) {
                System.exit(125);
            }
        }
    }
}
