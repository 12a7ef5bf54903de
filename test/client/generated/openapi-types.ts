export interface paths {
    "/api/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Service status
         * @description Public. 200 when the database answers, 503 `ServiceUnavailable` when it does not.
         */
        get: operations["getStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Groups
         * @description Lists the groups of the organization of the token, ordered by name. Needs `read` on groups.
         */
        get: operations["listGroups"];
        put?: never;
        /**
         * Create Group
         * @description Creates a group in the organization of the token. Needs `create` on groups. A group whose role grants more than the actor holds also needs `grant-privileges` on groups. Without a slug, one is derived from the name. Answers the created group.
         */
        post: operations["createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Group By ID
         * @description Answers one group of the organization of the token. Needs `read` on groups.
         */
        get: operations["getGroupById"];
        put?: never;
        post?: never;
        /**
         * Delete Group
         * @description Deletes a group of the organization of the token, and its memberships. Needs `delete` on groups. Answers the deleted group.
         */
        delete: operations["deleteGroup"];
        options?: never;
        head?: never;
        /**
         * Update Group
         * @description Changes the name, slug or role of a group of the organization of the token; a field left out keeps its value. Needs `edit` on groups; giving the group a role that grants more than the actor holds also needs `grant-privileges` on groups. Answers the updated group.
         */
        patch: operations["updateGroup"];
        trace?: never;
    };
    "/api/v1/groups/{id}/users/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add Group User
         * @description Adds a user to a group of the organization of the token. Needs `edit` on groups, and `add-members` on groups. Answers the added user. The user is found by username, case-insensitively, among the members of the organization.
         *
         *     With the demo data, the examples put Alan Turing back in Engineering once Remove Group User has taken him out.
         */
        post: operations["addUserToGroup"];
        /**
         * Remove Group User
         * @description Removes a user from a group of the organization of the token. Needs `edit` on groups, and `remove-members` on groups. Answers the removed user. The user is found by username, case-insensitively, among the members of the organization.
         *
         *     The checks, in order, the first that fails answering: the token (401); the input (422); `edit` on groups (403 `PermissionDenied`); the group, in the organization of the token (404); memberships managed by an identity provider (400); `remove-members` on groups (403 `PermissionBoundaryError`); the user (404); the membership (404). The membership and its audit-log entry `remove-user-from-group` go in one transaction.
         *
         *     With the demo data, the examples remove Alan Turing from Engineering: executed again, they answer 404.
         */
        delete: operations["removeUserFromGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Group Users
         * @description Pages through the users of the organization of the token with whether each belongs to a group of that organization: `filter=existingMembers` keeps the members, `filter=nonMembers` the others. Ordered by first name (users without one last), then username. `search` matches part of a username, email, first or last name; `username` a whole username; both in any case. Needs `read` on groups.
         */
        get: operations["listGroupUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Audit Logs
         * @description Pages through the audit log of the organization of the token, newest first: one entry per change made through the API, written in the same transaction as the change. Needs `read` on audit-logs (admins have it).
         */
        get: operations["listAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        StatusDto: {
            /**
             * @description The service can serve requests.
             * @example ok
             * @enum {string}
             */
            status: "ok";
            /**
             * @description The database answered.
             * @example up
             * @enum {string}
             */
            database: "up";
            /**
             * @description The service's version.
             * @example 0.1.0
             */
            version: string;
            /**
             * @description Seconds since the process started.
             * @example 3600
             */
            uptime: number;
        };
        CreateGroupDto: {
            /**
             * @description The name of the group, 1 to 50 characters (trimmed).
             * @example Platform
             */
            name: string;
            /**
             * @description The slug of the group, unique in the organization: 5 to 36 lowercase letters and digits in runs
             *     joined by single dashes. Derived from the name when absent.
             * @example platform
             */
            slug?: string;
            /**
             * @description The role that the group grants its members: `admin`, `member`, `no-access` or the slug of a custom
             *     role of the organization. Defaults to `no-access`.
             * @example member
             */
            role?: string;
        };
        UpdateGroupDto: {
            /**
             * @description The new name of the group, 1 to 50 characters (trimmed).
             * @example Platform engineering
             */
            name?: string;
            /**
             * @description The new slug of the group, unique in the organization: 5 to 36 lowercase letters and digits in
             *     runs joined by single dashes.
             * @example platform-engineering
             */
            slug?: string;
            /**
             * @description The new role that the group grants its members: `admin`, `member`, `no-access` or the slug of a
             *     custom role of the organization.
             * @example member
             */
            role?: string;
        };
        ErrorEnvelope400: {
            reqId: string;
            /** @enum {number} */
            statusCode: 400;
            message: string;
            error: string;
        };
        ErrorEnvelope401: {
            reqId: string;
            /** @enum {number} */
            statusCode: 401;
            message: string;
            error: string;
        };
        ErrorEnvelope403: {
            reqId: string;
            /** @enum {number} */
            statusCode: 403;
            message: string;
            error: string;
            details?: unknown;
        };
        ErrorEnvelope404: {
            reqId: string;
            /** @enum {number} */
            statusCode: 404;
            message: string;
            error: string;
        };
        ErrorEnvelope413: {
            reqId: string;
            /** @enum {number} */
            statusCode: 413;
            message: string;
            error: string;
        };
        ErrorEnvelope422: {
            reqId: string;
            /** @enum {number} */
            statusCode: 422;
            message?: unknown;
            error: string;
        };
        ErrorEnvelope429: {
            reqId: string;
            /** @enum {number} */
            statusCode: 429;
            message: string;
            error: string;
        };
        ErrorEnvelope500: {
            reqId: string;
            /** @enum {number} */
            statusCode: 500;
            message: string;
            error: string;
        };
        ErrorEnvelope503: {
            reqId: string;
            /** @enum {number} */
            statusCode: 503;
            message: string;
            error: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusDto"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "invalid_json",
                     *           "message": "Request body is not valid JSON",
                     *           "path": []
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
    listGroups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "id": "20365ff2-dea5-4457-9203-7e9658fe1f09",
                     *         "orgId": "7a1e2b3c-4d5e-4f60-8a71-b2c3d4e5f6a7",
                     *         "name": "Engineering",
                     *         "slug": "engineering",
                     *         "role": "member",
                     *         "createdAt": "2026-01-15T09:30:00.000Z",
                     *         "updatedAt": "2026-01-15T09:30:00.000Z"
                     *       }
                     *     ]
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        orgId: string;
                        name: string;
                        slug: string;
                        /** @description The role that the group grants its members: built in or the slug of a custom role. */
                        role: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    }[];
                };
            };
            /** @description `BadRequest`: well formed, but it cannot be done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 400,
                     *       "message": "The Authorization header must have the form \"Bearer <token>\"",
                     *       "error": "BadRequest"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope400"];
                };
            };
            /** @description `UnauthorizedError`: no token, or an unknown, expired or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 401,
                     *       "message": "Token missing",
                     *       "error": "UnauthorizedError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope401"];
                };
            };
            /** @description `PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 403,
                     *       "message": "You are not allowed to read on groups",
                     *       "error": "PermissionDenied",
                     *       "details": {
                     *         "missingPermissions": [
                     *           {
                     *             "action": "read",
                     *             "subject": "groups"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope403"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "invalid_json",
                     *           "message": "Request body is not valid JSON",
                     *           "path": []
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
    createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGroupDto"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "6c0f3e8a-91b2-4d7e-a5c4-8f1e2d3b4a50",
                     *       "orgId": "7a1e2b3c-4d5e-4f60-8a71-b2c3d4e5f6a7",
                     *       "name": "Platform",
                     *       "slug": "platform",
                     *       "role": "member",
                     *       "createdAt": "2026-02-02T10:00:00.000Z",
                     *       "updatedAt": "2026-02-02T10:00:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        orgId: string;
                        name: string;
                        slug: string;
                        /** @description The role that the group grants its members: built in or the slug of a custom role. */
                        role: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description `BadRequest`: well formed, but it cannot be done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 400,
                     *       "message": "A group with slug platform already exists in the organization",
                     *       "error": "BadRequest"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope400"];
                };
            };
            /** @description `UnauthorizedError`: no token, or an unknown, expired or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 401,
                     *       "message": "Token missing",
                     *       "error": "UnauthorizedError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope401"];
                };
            };
            /** @description `PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 403,
                     *       "message": "Failed to create a more privileged group. Actor is missing permission grant-privileges on groups",
                     *       "error": "PermissionBoundaryError",
                     *       "details": {
                     *         "missingPermissions": [
                     *           {
                     *             "action": "grant-privileges",
                     *             "subject": "groups"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope403"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "isLength",
                     *           "message": "name must be 1 to 50 characters",
                     *           "path": [
                     *             "name"
                     *           ]
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
    getGroupById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the group. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "20365ff2-dea5-4457-9203-7e9658fe1f09",
                     *       "orgId": "7a1e2b3c-4d5e-4f60-8a71-b2c3d4e5f6a7",
                     *       "name": "Engineering",
                     *       "slug": "engineering",
                     *       "role": "member",
                     *       "createdAt": "2026-01-15T09:30:00.000Z",
                     *       "updatedAt": "2026-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        orgId: string;
                        name: string;
                        slug: string;
                        /** @description The role that the group grants its members: built in or the slug of a custom role. */
                        role: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description `BadRequest`: well formed, but it cannot be done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 400,
                     *       "message": "The Authorization header must have the form \"Bearer <token>\"",
                     *       "error": "BadRequest"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope400"];
                };
            };
            /** @description `UnauthorizedError`: no token, or an unknown, expired or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 401,
                     *       "message": "Token missing",
                     *       "error": "UnauthorizedError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope401"];
                };
            };
            /** @description `PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 403,
                     *       "message": "You are not allowed to read on groups",
                     *       "error": "PermissionDenied",
                     *       "details": {
                     *         "missingPermissions": [
                     *           {
                     *             "action": "read",
                     *             "subject": "groups"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope403"];
                };
            };
            /** @description `NotFound`: not in the organization of the token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 404,
                     *       "message": "Failed to find group with ID 20365ff2-dea5-4457-9203-7e9658fe1f09",
                     *       "error": "NotFound"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope404"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "matches",
                     *           "message": "id must be a UUID",
                     *           "path": [
                     *             "id"
                     *           ]
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
    deleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the group. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "20365ff2-dea5-4457-9203-7e9658fe1f09",
                     *       "orgId": "7a1e2b3c-4d5e-4f60-8a71-b2c3d4e5f6a7",
                     *       "name": "Engineering",
                     *       "slug": "engineering",
                     *       "role": "member",
                     *       "createdAt": "2026-01-15T09:30:00.000Z",
                     *       "updatedAt": "2026-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        orgId: string;
                        name: string;
                        slug: string;
                        /** @description The role that the group grants its members: built in or the slug of a custom role. */
                        role: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description `BadRequest`: well formed, but it cannot be done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 400,
                     *       "message": "The Authorization header must have the form \"Bearer <token>\"",
                     *       "error": "BadRequest"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope400"];
                };
            };
            /** @description `UnauthorizedError`: no token, or an unknown, expired or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 401,
                     *       "message": "Token missing",
                     *       "error": "UnauthorizedError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope401"];
                };
            };
            /** @description `PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 403,
                     *       "message": "You are not allowed to delete on groups",
                     *       "error": "PermissionDenied",
                     *       "details": {
                     *         "missingPermissions": [
                     *           {
                     *             "action": "delete",
                     *             "subject": "groups"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope403"];
                };
            };
            /** @description `NotFound`: not in the organization of the token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 404,
                     *       "message": "Failed to find group with ID 20365ff2-dea5-4457-9203-7e9658fe1f09",
                     *       "error": "NotFound"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope404"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "matches",
                     *           "message": "id must be a UUID",
                     *           "path": [
                     *             "id"
                     *           ]
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
    updateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the group. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateGroupDto"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "20365ff2-dea5-4457-9203-7e9658fe1f09",
                     *       "orgId": "7a1e2b3c-4d5e-4f60-8a71-b2c3d4e5f6a7",
                     *       "name": "Platform engineering",
                     *       "slug": "platform-engineering",
                     *       "role": "member",
                     *       "createdAt": "2026-01-15T09:30:00.000Z",
                     *       "updatedAt": "2026-02-02T10:05:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        /** Format: uuid */
                        orgId: string;
                        name: string;
                        slug: string;
                        /** @description The role that the group grants its members: built in or the slug of a custom role. */
                        role: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description `BadRequest`: well formed, but it cannot be done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 400,
                     *       "message": "Role auditor does not exist in the organization",
                     *       "error": "BadRequest"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope400"];
                };
            };
            /** @description `UnauthorizedError`: no token, or an unknown, expired or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 401,
                     *       "message": "Token missing",
                     *       "error": "UnauthorizedError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope401"];
                };
            };
            /** @description `PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 403,
                     *       "message": "You are not allowed to edit on groups",
                     *       "error": "PermissionDenied",
                     *       "details": {
                     *         "missingPermissions": [
                     *           {
                     *             "action": "edit",
                     *             "subject": "groups"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope403"];
                };
            };
            /** @description `NotFound`: not in the organization of the token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 404,
                     *       "message": "Failed to find group with ID 20365ff2-dea5-4457-9203-7e9658fe1f09",
                     *       "error": "NotFound"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope404"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "matches",
                     *           "message": "id must be a UUID",
                     *           "path": [
                     *             "id"
                     *           ]
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
    addUserToGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the group to add the user to. */
                id: string;
                /** @description The username of the user to add to the group. */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34",
                     *       "username": "alan.turing@example.com",
                     *       "email": "alan.turing@example.com",
                     *       "firstName": "Alan",
                     *       "lastName": "Turing"
                     *     }
                     */
                    "application/json": {
                        email?: string | null;
                        username: string;
                        firstName?: string | null;
                        lastName?: string | null;
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            /** @description `BadRequest`: well formed, but it cannot be done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope400"];
                };
            };
            /** @description `UnauthorizedError`: no token, or an unknown, expired or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 401,
                     *       "message": "Token missing",
                     *       "error": "UnauthorizedError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope401"];
                };
            };
            /** @description `PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope403"];
                };
            };
            /** @description `NotFound`: not in the organization of the token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope404"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "isNotEmpty",
                     *           "message": "username must not be empty",
                     *           "path": [
                     *             "username"
                     *           ]
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
    removeUserFromGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The ID of the group to remove the user from. */
                id: string;
                /** @description The username of the user to remove from the group. */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34",
                     *       "username": "alan.turing@example.com",
                     *       "email": "alan.turing@example.com",
                     *       "firstName": "Alan",
                     *       "lastName": "Turing"
                     *     }
                     */
                    "application/json": {
                        email?: string | null;
                        username: string;
                        firstName?: string | null;
                        lastName?: string | null;
                        /** Format: uuid */
                        id: string;
                    };
                };
            };
            /** @description `BadRequest`: well formed, but it cannot be done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 400,
                     *       "message": "The memberships of group directory-sync are managed by an identity provider and cannot be changed here",
                     *       "error": "BadRequest"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope400"];
                };
            };
            /** @description `UnauthorizedError`: no token, or an unknown, expired or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 401,
                     *       "message": "Token missing",
                     *       "error": "UnauthorizedError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope401"];
                };
            };
            /** @description `PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope403"];
                };
            };
            /** @description `NotFound`: not in the organization of the token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope404"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "matches",
                     *           "message": "id must be a UUID",
                     *           "path": [
                     *             "id"
                     *           ]
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
    listGroupUsers: {
        parameters: {
            query?: {
                /** @description How many users to skip, from 0. */
                offset?: number;
                /** @description How many users to answer, from 1 to 100. */
                limit?: number;
                /** @description Part of a username, email, first or last name, in any case: letters, digits, `-`, `.` and `@` only; e.g. `turing`. */
                search?: string;
                /** @description A whole username, in any case, e.g. `alan.turing@example.com`. Ignored when `search` is given. */
                username?: string;
                /**
                 * @description `existingMembers`: only the group's members; `nonMembers`: only the organization's users outside
                 *     the group; absent: every user of the organization, each with `isPartOfGroup`.
                 */
                filter?: "existingMembers" | "nonMembers";
            };
            header?: never;
            path: {
                /** @description The ID of the group. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "users": [
                     *         {
                     *           "id": "3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34",
                     *           "email": "alan.turing@example.com",
                     *           "username": "alan.turing@example.com",
                     *           "firstName": "Alan",
                     *           "lastName": "Turing",
                     *           "isPartOfGroup": true,
                     *           "joinedGroupAt": "2026-01-15T09:31:00.000Z"
                     *         },
                     *         {
                     *           "id": "8b1e4d2a-6c3f-4a9b-b7d0-2e5f8a1c3d69",
                     *           "email": "grace.hopper@example.com",
                     *           "username": "grace.hopper@example.com",
                     *           "firstName": "Grace",
                     *           "lastName": "Hopper",
                     *           "isPartOfGroup": false,
                     *           "joinedGroupAt": null
                     *         }
                     *       ],
                     *       "totalCount": 7
                     *     }
                     */
                    "application/json": {
                        users: {
                            /** Format: uuid */
                            id: string;
                            email: string | null;
                            username: string;
                            firstName: string | null;
                            lastName: string | null;
                            isPartOfGroup: boolean;
                            /**
                             * Format: date-time
                             * @description When the user joined the group; null for a non-member.
                             */
                            joinedGroupAt: string | null;
                        }[];
                        /** @description How many users match, over all pages. */
                        totalCount: number;
                    };
                };
            };
            /** @description `BadRequest`: well formed, but it cannot be done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 400,
                     *       "message": "The Authorization header must have the form \"Bearer <token>\"",
                     *       "error": "BadRequest"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope400"];
                };
            };
            /** @description `UnauthorizedError`: no token, or an unknown, expired or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 401,
                     *       "message": "Token missing",
                     *       "error": "UnauthorizedError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope401"];
                };
            };
            /** @description `PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 403,
                     *       "message": "You are not allowed to read on groups",
                     *       "error": "PermissionDenied",
                     *       "details": {
                     *         "missingPermissions": [
                     *           {
                     *             "action": "read",
                     *             "subject": "groups"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope403"];
                };
            };
            /** @description `NotFound`: not in the organization of the token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 404,
                     *       "message": "Failed to find group with ID 20365ff2-dea5-4457-9203-7e9658fe1f09",
                     *       "error": "NotFound"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope404"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "matches",
                     *           "message": "search may contain only letters, digits, \"-\", \".\" and \"@\"",
                     *           "path": [
                     *             "search"
                     *           ]
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
    listAuditLogs: {
        parameters: {
            query?: {
                /** @description How many entries to skip, from 0. */
                offset?: number;
                /** @description How many entries to answer, from 1 to 100. */
                limit?: number;
                /** @description Only entries of this event type. */
                eventType?: "create-group" | "update-group" | "delete-group" | "add-user-to-group" | "remove-user-from-group";
                /** @description Only entries written at or after this instant (ISO 8601), e.g. `2026-01-01` or `2026-01-01T09:30:00Z`. */
                startDate?: string;
                /** @description Only entries written at or before this instant (ISO 8601), e.g. `2026-12-31T23:59:59Z`. */
                endDate?: string;
                /** @description Only entries of this actor: a user ID, or a username in any case, e.g. `admin`. */
                actor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "auditLogs": [
                     *         {
                     *           "id": "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                     *           "event": {
                     *             "type": "add-user-to-group",
                     *             "metadata": {
                     *               "groupId": "20365ff2-dea5-4457-9203-7e9658fe1f09",
                     *               "groupName": "Engineering",
                     *               "userId": "3f9a2c71-8d4e-4b6a-9e15-7c2b1d0a6f34",
                     *               "username": "alan.turing@example.com"
                     *             }
                     *           },
                     *           "actor": {
                     *             "type": "user",
                     *             "metadata": {
                     *               "userId": "3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b",
                     *               "username": "admin"
                     *             }
                     *           },
                     *           "reqId": "req-8mG2xQ4vT7nL0a",
                     *           "ipAddress": "203.0.113.7",
                     *           "userAgent": "curl/8.5.0",
                     *           "createdAt": "2026-01-15T09:31:00.000Z"
                     *         }
                     *       ],
                     *       "totalCount": 1
                     *     }
                     */
                    "application/json": {
                        auditLogs: {
                            /** Format: uuid */
                            id: string;
                            event: {
                                /** @enum {string} */
                                type: "create-group" | "update-group" | "delete-group" | "add-user-to-group" | "remove-user-from-group";
                                /** @description What the event changed: the group, and the user for membership events. */
                                metadata: {
                                    [key: string]: unknown;
                                };
                            };
                            actor: {
                                /** @enum {string} */
                                type: "user";
                                metadata: {
                                    /** Format: uuid */
                                    userId: string | null;
                                    username: string | null;
                                };
                            };
                            /** @description The request that made the change, as in its X-Request-Id header. */
                            reqId: string | null;
                            ipAddress: string | null;
                            userAgent: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                        /** @description How many entries match, over all pages. */
                        totalCount: number;
                    };
                };
            };
            /** @description `BadRequest`: well formed, but it cannot be done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 400,
                     *       "message": "The Authorization header must have the form \"Bearer <token>\"",
                     *       "error": "BadRequest"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope400"];
                };
            };
            /** @description `UnauthorizedError`: no token, or an unknown, expired or revoked one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 401,
                     *       "message": "Token missing",
                     *       "error": "UnauthorizedError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope401"];
                };
            };
            /** @description `PermissionDenied` or `PermissionBoundaryError`: the actor lacks a permission, listed in `details` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 403,
                     *       "message": "You are not allowed to read on audit-logs",
                     *       "error": "PermissionDenied",
                     *       "details": {
                     *         "missingPermissions": [
                     *           {
                     *             "action": "read",
                     *             "subject": "audit-logs"
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope403"];
                };
            };
            /** @description `PayloadTooLarge`: the request body is over the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 413,
                     *       "message": "Request body is too large",
                     *       "error": "PayloadTooLarge"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope413"];
                };
            };
            /** @description `ValidationFailure`: malformed input, one issue per problem */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 422,
                     *       "message": [
                     *         {
                     *           "code": "matches",
                     *           "message": "startDate must be an ISO 8601 date or date-time, like 2026-01-31 or 2026-01-31T12:00:00Z",
                     *           "path": [
                     *             "startDate"
                     *           ]
                     *         }
                     *       ],
                     *       "error": "ValidationFailure"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope422"];
                };
            };
            /** @description `RateLimitExceeded`: too many requests; `Retry-After` says when to try again */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 429,
                     *       "message": "Rate limit exceeded. Please try again in 42 seconds",
                     *       "error": "RateLimitExceeded"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope429"];
                };
            };
            /** @description `InternalServerError`: an unexpected failure, logged with the `reqId` */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 500,
                     *       "message": "Something went wrong",
                     *       "error": "InternalServerError"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope500"];
                };
            };
            /** @description `ServiceUnavailable`: the database is unreachable; `Retry-After` says when to try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "reqId": "req-8mG2xQ4vT7nL0a",
                     *       "statusCode": 503,
                     *       "message": "The database is unavailable, please retry shortly",
                     *       "error": "ServiceUnavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope503"];
                };
            };
        };
    };
}
