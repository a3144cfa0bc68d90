package io.ordertrack.api.security;

import io.javalin.security.RouteRole;

/**
 * Route roles. Every route needs an API key unless it is declared {@link #PUBLIC}, so a route added
 * without a role is protected by default.
 */
public enum Access implements RouteRole {
    /** Open to anyone: only for liveness and readiness checks. */
    PUBLIC
}
