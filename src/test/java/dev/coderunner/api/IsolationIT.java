package dev.coderunner.api;

import static org.assertj.core.api.Assertions.assertThat;



import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import dev.coderunner.support.Api;
import dev.coderunner.support.SandboxIntegrationTest;

/** What a program can see and touch from inside its sandbox. */
class IsolationIT extends SandboxIntegrationTest {

    @Test
    void thereIsNoNetworkInterfaceButLoopback() {
        var reply = api.run("python", """
                import socket
                print(sorted(name for _, name in socket.if_nameindex()))
                try:
                    socket.create_connection(('1.1.1.1', 53), timeout=2)
                    print('connected')
                except OSError as e:
                    print('blocked')
                """);

        assertThat(reply.text("output")).isEqualTo("['lo']\nblocked\n");
    }

    @Test
    @DisabledIfSystemProperty(named = "test.docker.runtime", matches = "runsc",
            disabledReason = "gVisor's /proc/self/status describes its own kernel's credentials, without the host's capability fields")
    void runsAsNonRootWithNoCapabilitiesAndNoNewPrivileges() {
        var reply = api.run("python", """
                import os
                status = dict(line.split(':\\t', 1) for line in open('/proc/self/status').read().splitlines() if ':\\t' in line)
                print(os.getuid(), os.getgid())
                print(status['CapEff'].strip(), status['CapPrm'].strip(), status['CapBnd'].strip())
                print(status['NoNewPrivs'].strip())
                """);

        var lines = reply.text("output").split("\n");
        assertThat(lines[0]).isEqualTo("10001 10001");
        assertThat(lines[1]).isEqualTo("0000000000000000 0000000000000000 0000000000000000");
        assertThat(lines[2]).isEqualTo("1");
    }

    @Test
    void rootFilesystemIsNotWritableButTheWorkspaceIs() {
        var reply = api.run("python", """
                import os
                for path in ['/etc/evil', '/usr/evil', '/evil']:
                    try:
                        open(path, 'w').write('x')
                        print('wrote', path)
                    except OSError as e:
                        print('refused', path)
                open('own.txt', 'w').write('mine')
                print(os.getcwd(), open('own.txt').read())
                """);

        assertThat(reply.text("output"))
                .isEqualTo("refused /etc/evil\nrefused /usr/evil\nrefused /evil\n/workspace mine\n");
    }

    @Test
    void theApiKeyAndTheServiceEnvironmentAreNotVisibleInside() {
        var reply = api.run("python", """
                import os, glob
                seen = [repr(dict(os.environ))]
                for path in glob.glob('/proc/*/environ') + glob.glob('/proc/*/cmdline'):
                    try:
                        seen.append(open(path, 'rb').read().decode(errors='replace'))
                    except OSError:
                        pass
                print('\\n'.join(seen))
                """);

        assertThat(reply.text("status")).isEqualTo("OK");
        assertThat(reply.text("output")).doesNotContain(Api.KEY).doesNotContain("EXECUTION_API_KEY");
        System.getenv().forEach((name, value) -> {
            if (value.length() >= 8 && !name.equals("PATH") && !name.equals("LANG") && !name.equals("HOME")) {
                assertThat(reply.text("output")).as("service variable %s", name).doesNotContain(name + "=" + value);
            }
        });
    }

    @Test
    void workspaceFromOneRunIsNotVisibleToTheNext() {
        api.run("python", "open('secret.txt', 'w').write('left behind')");

        var reply = api.run("python", "import os\nprint(sorted(os.listdir('.')))");

        assertThat(reply.text("output")).isEqualTo("['main.py']\n");
    }
}
