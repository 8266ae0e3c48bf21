package com.bazar.common.client;

/** What a replica answered: its status and body bytes, and which replica it was. */
public record UpstreamResponse(String replica, int status, byte[] body) {
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
