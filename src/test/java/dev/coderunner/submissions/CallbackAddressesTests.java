package dev.coderunner.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class CallbackAddressesTests {

    private static boolean isPublic(String address) throws Exception {
        return CallbackAddresses.isPublic(InetAddress.getByName(address));
    }

    @Test
    void onlyPublicUnicastAddressesAreCallable() throws Exception {
        for (String refused : new String[] {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1",
                "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "224.0.0.1",
                "255.255.255.255", "198.18.0.1", "192.0.0.1", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254",
                "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1"}) {
            assertThat(isPublic(refused)).as(refused).isFalse();
        }
        for (String allowed : new String[] {"1.1.1.1", "8.8.8.8", "172.32.0.1", "100.128.0.1", "93.184.216.34",
                "2606:4700:4700::1111", "::ffff:1.1.1.1"}) {
            assertThat(isPublic(allowed)).as(allowed).isTrue();
        }
    }
}
