package dev.coderunner.submissions;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a callback may connect to: public unicast ones only, unless its host is allowed
 * by name. Refused: loopback, unspecified, private (10/8, 172.16/12, 192.168/16, fc00::/7),
 * link-local (169.254/16 with the cloud metadata address, fe80::/10), carrier-grade NAT
 * (100.64/10), multicast, broadcast and the reserved IPv4 blocks, and IPv4 addresses of those
 * kinds written as IPv6 (mapped or compatible).
 */
final class CallbackAddresses {

    private CallbackAddresses() {
    }

    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (embedsIpv4(bytes)) {
                return isPublicIpv4(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
            }
            int first = bytes[0] & 0xff;
            return !(v6.isLoopbackAddress() || v6.isAnyLocalAddress() || v6.isLinkLocalAddress()
                    || v6.isSiteLocalAddress() || v6.isMulticastAddress() || (first & 0xfe) == 0xfc);
        }
        return address instanceof Inet4Address && isPublicIpv4(address.getAddress());
    }

    private static boolean embedsIpv4(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        boolean mapped = (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = v6[10] == 0 && v6[11] == 0;
        return mapped || compatible;
    }

    private static boolean isPublicIpv4(byte[] ip) {
        int a = ip[0] & 0xff;
        int b = ip[1] & 0xff;
        return !(a == 0 || a == 10 || a == 127 || a >= 224
                || (a == 100 && b >= 64 && b <= 127)
                || (a == 169 && b == 254)
                || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168)
                || (a == 192 && b == 0 && (ip[2] & 0xff) == 0)
                || (a == 198 && (b == 18 || b == 19)));
    }
}
