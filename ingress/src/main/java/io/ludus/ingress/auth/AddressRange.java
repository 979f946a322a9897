package io.ludus.ingress.auth;

import java.net.InetAddress;

/** An address or CIDR range, e.g. 10.0.0.0/8 or 2001:db8::/32. Literals only: never a DNS lookup. */
record AddressRange(byte[] network, int prefix) {

    static AddressRange parse(String key, String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(slash < 0 ? value : value.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an IP address or CIDR range");
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(key + ": '" + text + "' has a prefix outside 0.." + bits);
            }
        }
        return new AddressRange(address.getAddress(), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[full] & mask) == (network[full] & mask);
    }
}
