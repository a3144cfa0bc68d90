package io.ordertrack.api.http;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The API's HTTP connector: the one Javalin would make, except that every connection reads and
 * writes through buffers of its own instead of buffers recycled among all connections.
 *
 * <p>Why: Jetty 12.1 answers a request it cannot read (a request line or headers over {@link
 * HttpConfiguration#getRequestHeaderSize()}: 414, 431) from a second thread and, once that answer
 * is written, resumes reading the connection on a third while the first may still be giving the
 * connection's request buffer back to the pool. The third thread then reads the unread rest of the
 * oversized request into a buffer the pool may already have lent to another connection: another
 * client's well-formed request is parsed as {@code xxxx HTTP/1.1} (505, HTTP/0.9 not supported), or
 * its answer starts with those bytes. A buffer that is never lent again can only be spoiled for the
 * connection that is being closed anyway.
 *
 * <p>Unpooled buffers are allocated for every request, so they are heap buffers: a direct one would
 * cost a native allocation each time and be freed only by a garbage collection.
 *
 * <p>The request line and headers may take {@link #REQUEST_HEADER_SIZE}: room for the longest page
 * cursor ({@link io.ordertrack.api.elasticsearch.PageCursor#MAX_LENGTH}) with the other parameters.
 */
public final class ApiConnector {
    /** The most bytes of a request line and headers read; more answers 414 or 431. */
    public static final int REQUEST_HEADER_SIZE = 32 * 1024;

    private ApiConnector() {}

    /** A connector on {@code host} and {@code port} (0: any free one) that shares no buffers. */
    public static ServerConnector create(
            Server server, HttpConfiguration httpConfiguration, String host, int port) {
        HttpConfiguration heapBuffers = new HttpConfiguration(httpConfiguration);
        heapBuffers.setUseInputDirectByteBuffers(false);
        heapBuffers.setUseOutputDirectByteBuffers(false);
        heapBuffers.setRequestHeaderSize(REQUEST_HEADER_SIZE);
        ServerConnector connector =
                new ServerConnector(
                        server,
                        null,
                        null,
                        ByteBufferPool.NON_POOLING,
                        -1,
                        -1,
                        new HttpConnectionFactory(heapBuffers));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
