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
            boolean sharedAddressSpace = first == 100 && second >= 64 && second < 128;
            boolean reserved = first == 0 || first >= 240;
            return !sharedAddressSpace && !reserved;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            boolean mappedIpv4 = isMappedIpv4(bytes);
            if (mappedIpv4) {
                try {
                    return isPublic(
                            InetAddress.getByAddress(
                                    new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !uniqueLocal;
        }
        return false;
    }

    private static boolean isMappedIpv4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
