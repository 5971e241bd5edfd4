package dev.securebaseline.settings;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 network in CIDR notation, parsed strictly: four octets, a prefix, no host bits set. */
public record Cidr(long network, int prefix) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    /** RFC 1918 private address space. */
    static final List<Cidr> PRIVATE_RANGES = List.of(
            new Cidr(0x0A000000L, 8), new Cidr(0xAC100000L, 12), new Cidr(0xC0A80000L, 16));

    public static final Cidr ANYWHERE = new Cidr(0, 0);

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be 0-32");
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set");
        }
    }

    /**
     * Parses {@code a.b.c.d/n}.
     *
     * @throws IllegalArgumentException with a reason a person can act on
     */
    public static Cidr parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not in a.b.c.d/n form");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("octet " + octet + " is above 255");
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            throw new IllegalArgumentException("prefix /" + prefix + " is above /32");
        }
        long network = address & mask(prefix);
        if (network != address) {
            throw new IllegalArgumentException("host bits are set (did you mean " + new Cidr(network, prefix) + "?)");
        }
        return new Cidr(network, prefix);
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && (other.network & mask(prefix)) == network;
    }

    boolean isPrivate() {
        return PRIVATE_RANGES.stream().anyMatch(range -> range.contains(this));
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return ((network >> 24) & 0xFF) + "." + ((network >> 16) & 0xFF) + "."
                + ((network >> 8) & 0xFF) + "." + (network & 0xFF) + "/" + prefix;
    }
}
