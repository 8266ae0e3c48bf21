package com.bazar.common.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;

/** The two shared secrets, from YAML with environment overrides BAZAR_ADMIN_TOKEN and BAZAR_INTERNAL_TOKEN. */
public class TokensFactory {
    @NotEmpty
    private String admin;

    @NotEmpty
    private String internal;

    @JsonProperty
    public String getAdmin() {
        return admin;
    }

    @JsonProperty
    public void setAdmin(String admin) {
        this.admin = admin;
    }

    @JsonProperty
    public String getInternal() {
        return internal;
    }

    @JsonProperty
    public void setInternal(String internal) {
        this.internal = internal;
    }

    public String token(RequiresToken.Kind kind) {
        return kind == RequiresToken.Kind.ADMIN ? admin : internal;
    }

    /** The header value a client of this service sends for the given kind. */
    public String bearer(RequiresToken.Kind kind) {
        return "Bearer " + token(kind);
    }
}
