package org.tipline.shared.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tipline.shared.Problems;
import org.tipline.shared.SlowRequestBody;
import org.tipline.shared.WebProperties;

/**
 * Cuts off request bodies that arrive too slowly. A body may take the grace time at any pace;
 * after it, it must average the minimum rate since it began, or its next read fails with
 * {@link SlowRequestBody} and the request is answered 408 (which makes the connector close the
 * connection instead of waiting for the rest). A client that stalls completely is cut by the
 * connector's read timeout. Request threads are virtual, so a waiting client costs little while it
 * waits; this bounds how long it may.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodyPaceFilter extends OncePerRequestFilter {

    private final long graceNanos;
    private final long minBytesPerSecond;

    BodyPaceFilter(WebProperties properties) {
        this.graceNanos = properties.bodyRateGrace().toNanos();
        this.minBytesPerSecond = properties.minBodyRate().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() == 0
                || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var paced = new Paced(request, System.nanoTime());
        try {
            chain.doFilter(paced, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!SlowRequestBody.in(e) || response.isCommitted()) {
                throw e;
            }
            refuse(request, response);
        }
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            Problems.write(response, HttpStatus.REQUEST_TIMEOUT, "Request timeout", "The request arrived too slowly.");
        } else {
            response.sendError(HttpStatus.REQUEST_TIMEOUT.value());
        }
    }

    /** The request, its body read through a stream that checks the pace. */
    private final class Paced extends HttpServletRequestWrapper {
        private final long started;
        private ServletInputStream stream;

        Paced(HttpServletRequest request, long started) {
            super(request);
            this.started = started;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new PacedStream(super.getInputStream(), started);
            }
            return stream;
        }
    }

    private final class PacedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long started;
        private long bytes;

        PacedStream(ServletInputStream in, long started) {
            this.in = in;
            this.started = started;
        }

        @Override
        public int read() throws IOException {
            check();
            var b = in.read();
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            var n = in.read(buffer, offset, length);
            if (n > 0) {
                bytes += n;
            }
            return n;
        }

        private void check() throws SlowRequestBody {
            var elapsed = System.nanoTime() - started;
            if (elapsed > graceNanos && bytes * 1_000_000_000L < minBytesPerSecond * elapsed) {
                throw new SlowRequestBody();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
