package io.ordertrack.api.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs webhooks may be sent to. A seller names the URL, so it must not reach into the network
 * the API runs in: only {@code https} to public addresses, unless the deployment allows private
 * targets (a local run, a test, a receiver inside the same network). Checked when a subscription is
 * made and again before each send, on the addresses the host resolves to then.
 */
public final class WebhookTargets {
    /** The longest URL accepted. */
    public static final int MAX_URL_LENGTH = 2_048;

    private final boolean privateAllowed;

    /**
     * @param privateAllowed whether plain {@code http} and loopback, private, link-local and other
     *     non-public addresses are allowed
     */
    public WebhookTargets(boolean privateAllowed) {
        this.privateAllowed = privateAllowed;
    }

    /** Why the URL cannot be a subscription's, without resolving its host; empty when it can. */
    public Optional<String> problemWithUrl(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(privateAllowed && scheme.equals("http"))) {
            return Optional.of(privateAllowed ? "url must be http or https" : "url must be https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("url must name a host, without credentials or a fragment");
        }
        return Optional.empty();
    }

    /**
     * Why the URL's host may not be sent to, resolving it now; empty when it may.
     *
     * @throws UnknownHostException when the host does not resolve
     */
    public Optional<String> problemWithHost(URI url) throws UnknownHostException {
        if (privateAllowed) {
            return Optional.empty();
        }
        for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
            if (!isPublic(address)) {
                return Optional.of(
                        url.getHost() + " resolves to a non-public address, which is not allowed");
            }
        }
        return Optional.empty();
    }

    /** Whether an address is on the public internet. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            int third = bytes[2] & 0xff;
            boolean sharedAddressSpace = first == 100 && second >= 64 && second < 128;
            boolean protocolAssignments = first == 192 && second == 0 && third == 0;
            boolean benchmarking = first == 198 && (second == 18 || second == 19);
            boolean reserved = first == 0 || first >= 240;
            return !sharedAddressSpace && !protocolAssignments && !benchmarking && !reserved;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            // Forms that carry an IPv4 address (NAT64, 6to4, IPv4-compatible) could reach one
            // inside: none is a receiver's public address.
            boolean nat64 =
                    bytes[0] == 0
                            && bytes[1] == 0x64
                            && bytes[2] == (byte) 0xff
                            && bytes[3] == (byte) 0x9b;
            boolean sixToFour = bytes[0] == 0x20 && bytes[1] == 0x02;
            boolean ipv4Compatible = true;
            for (int i = 0; i < 12; i++) {
                ipv4Compatible &= bytes[i] == 0;
            }
            return !uniqueLocal && !nat64 && !sixToFour && !ipv4Compatible;
        }
        return false;
    }
}
