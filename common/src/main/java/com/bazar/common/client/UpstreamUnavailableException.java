package com.bazar.common.client;

/** No replica of an upstream could answer, after failover: the reason names what each one did. */
public class UpstreamUnavailableException extends RuntimeException {
    public UpstreamUnavailableException(String message) {
        super(message);
    }
}
