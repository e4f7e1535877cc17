// A first program per language id of the registry (GET /languages), and the CodeMirror mode that
// highlights it. A language the registry gains later still runs, unhighlighted, from an empty editor.
window.PLAYGROUND_LANGUAGES = {
  python: {
    mode: 'python',
    sample: 'print("Hello, World!")\n'
  },
  javascript: {
    mode: 'javascript',
    sample: 'console.log("Hello, World!");\n'
  },
  typescript: {
    mode: 'text/typescript',
    sample: 'const greeting: string = "Hello, World!";\nconsole.log(greeting);\n'
  },
  c: {
    mode: 'text/x-csrc',
    sample: '#include <stdio.h>\n\nint main(void) {\n    printf("Hello, World!\\n");\n    return 0;\n}\n'
  },
  cpp: {
    mode: 'text/x-c++src',
    sample: '#include <iostream>\n\nint main() {\n    std::cout << "Hello, World!" << std::endl;\n}\n'
  },
  java: {
    mode: 'text/x-java',
    sample: 'public class Main {\n    public static void main(String[] args) {\n'
      + '        System.out.println("Hello, World!");\n    }\n}\n'
  },
  go: {
    mode: 'go',
    sample: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("Hello, World!")\n}\n'
  },
  rust: {
    mode: 'rust',
    sample: 'fn main() {\n    println!("Hello, World!");\n}\n'
  },
  ruby: {
    mode: 'ruby',
    sample: 'puts "Hello, World!"\n'
  },
  bash: {
    mode: 'shell',
    sample: 'echo "Hello, World!"\n'
  }
};
