// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit.
export interface paths {
    "/schools/{schoolId}/students": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or search students with their linked parents and, with codes:read, their current codes
         * @description A listing pages by nextCursor and, on its first page, counts the school (total). A search (q) answers at most limit matches, total found and more. Without codes:read no row has a code (the field is absent). With it, each page shown with codes writes one code.viewed audit event naming its students before the page is returned.
         */
        get: operations["listStudents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/students/{studentId}/parents/{parentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove one parent/student link */
        delete: operations["removeLink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/links/clear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clear every parent link of selected students */
        post: operations["clearLinks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/codes/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reset the codes of one or selected students */
        post: operations["resetCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/students/{studentId}/wrong-link-fix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove a wrong link, reset the code and record the case, in one step
         * @description After the parent's own "not my child" report (which already removed the link), it resets the code and closes that report.
         */
        post: operations["fixWrongLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/codes/lifecycle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The code lifecycle: the latest census's counts (exported, redeemed, never redeemed, expired, students without a parent) and failed guesses by day
         * @description Start a census with POST …/jobs {"type":"code-census"} (a schedule may run it nightly); this view reads one page of jobs and one batch of day counters, whatever the school's size.
         */
        get: operations["codeLifecycle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/codes/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The codes of selected students as a spreadsheet-safe CSV, for a mail merge; each export is audited */
        post: operations["exportCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/codes/letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Letters home with the codes of selected students, as a PDF; each letter is audited */
        post: operations["codeLetters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/jobs/{jobId}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A download link for the file a job made (an export, a census); every link handed out is audited
         * @description Also needs the job type's own permission (codes:export for a file of codes). The link is a presigned S3 GET that works for EXPORT_LINK_SECONDS (5 minutes by default). 409 JOB_FILE_NOT_READY while the job runs, or when it made no file (a preview, a failure, a cancel).
         */
        get: operations["getJobFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/parents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find a parent by name, child, email or user name (user name, linked students, account state); each search is audited once
         * @description Bounded work: a fixed number of round trips and at most 10 index queries per name plan, 10 children, 100 parents read. One parents.searched event per search names the parents shown (never the query); a search showing exactly one parent is also in that parent's trail.
         */
        get: operations["findParents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/parents/{parentId}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set one parent's password to a temporary default (confirmed) */
        post: operations["setParentPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/parents/passwords": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set the passwords of selected parents (up to 25) to temporary defaults */
        post: operations["setParentPasswords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/parents/{parentId}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unlock a parent account locked by failed sign-ins */
        post: operations["unlockParent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A school's jobs, newest first */
        get: operations["listJobs"];
        put?: never;
        /**
         * Start a bulk job (Reset All, Clear All, set passwords, whole-school exports) or its dry-run preview
         * @description Also needs the job type's own permission (codes:reset, links:remove, passwords:set or codes:export). export-codes (CSV) and code-letters (PDF) release every code of the school, or of one `grade`, audited per student, into one file offered by GET …/jobs/{jobId}/file. A school runs at most MAX_RUNNING_JOBS_PER_SCHOOL jobs at once (default 2, previews included): past it, 409 JOB_LIMIT.
         */
        post: operations["startJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One job: status, total, processed, failed, effects, who started it, when it started and when its counts last moved */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/jobs/{jobId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a running job: no further batches start
         * @description Also needs the job type's own permission (as starting it does).
         */
        post: operations["cancelJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/schedules/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or change a schedule that starts a job (EventBridge Scheduler); audited
         * @description Also needs the job type's own permission and, when it replaces a schedule, that of the type the old one starts.
         */
        put: operations["putSchedule"];
        post?: never;
        /**
         * Delete a schedule; audited
         * @description Also needs the permission of the job type the schedule starts.
         */
        delete: operations["deleteSchedule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A school's schedules */
        get: operations["listSchedules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/roster/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload links for a OneRoster export of any size, imported by an import-oneroster job
         * @description For files over the direct import's 1,000 records; each file at most 50 MB. The job checks the whole upload first (problems by file, line and column, nothing written) and shows its progress.
         */
        post: operations["rosterUploads"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/roster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Upsert students and parents in bulk (idempotent)
         * @description Only parents this school already rosters may be updated, unless the caller is district-wide.
         */
        put: operations["upsertRoster"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/roster/oneroster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import OneRoster CSV files (users, orgs, enrollments): students, guardians and, optionally, their links
         * @description The whole upload is checked first; problems come back as 400 ROSTER_FILE_INVALID with file, line and column, and nothing is written. Same tenancy rules as the roster route.
         */
        post: operations["importOneroster"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/districts/{districtId}/schools/{schoolId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create a school or replace its settings (name, code expiry, password policy, letter text, contact line); audited
         * @description District-wide staff only. A setting left out is removed. School ids are the district's own: another district's school of the same id is another school.
         */
        put: operations["putSchool"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/districts/{districtId}/oneroster/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create or rename a district's schools from OneRoster orgs.csv; checked whole (problems by line and column), audited per school
         * @description Orgs of type school become schools with their sourcedId as the id; other settings of an existing school are kept. 400 ROSTER_FILE_INVALID lists every problem, and nothing is written.
         */
        post: operations["importOnerosterSchools"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/districts/{districtId}/schools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The district's schools and their settings: every school for district-wide staff, their own schools for school staff */
        get: operations["listSchools"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit trail, filtered by student, parent, actor, action and time
         * @description Each event carries the names its ids stand for now (actorName, studentName, parentName), read with the page; the events themselves keep ids only. `action` is one of the trail's action codes (400 otherwise), listed in the schema, so a client can offer them as a pick list.
         */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/districts/{districtId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the district's trail of parent account events (sign-ins, locks, password changes); district-wide staff only */
        get: operations["listDistrictAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeem a student's access code to link to that student */
        post: operations["redeemCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/links/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * "Is this your child?": the masked student and school of a code, before redeeming it; counts as a guess
         * @description A first look by this parent at this student on a UTC day gives its guess back and is audited (code.previewed); a repeat that day, or a look at a student already linked to the parent, answers the same but keeps its guess and writes no event.
         */
        post: operations["previewCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/students": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The students linked to the calling parent */
        get: operations["listMyStudents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/students/{schoolId}/{studentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove my own link to a student ("I added the wrong child") */
        delete: operations["unlinkStudent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/students/{schoolId}/{studentId}/not-my-child": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** "This is not my child": remove my link, flag the student for staff, open a case */
        post: operations["reportNotMyChild"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Parent sign-in: a session token, or a NEW_PASSWORD_REQUIRED challenge */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/new-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer the challenge with the parent's own new password */
        post: operations["newPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/recovery/user-name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * "Forgot my user name": mail the user name to the address on file
         * @description Limited per district and email, and per address (429). Audited as parent.recovery-requested in the district trail, matched or not.
         */
        post: operations["recoverUserName"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/recovery/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * "Reset my password": mail a single-use reset link (at most 30 minutes) to the address on file
         * @description A newer link replaces an older one. Limited per district and user name, and per address (429).
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/recovery/password/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with a reset link: ends every session and device trust, and mails the parent
         * @description The link works once (401 when used, replaced or expired). The new password follows the same rules as at the first sign-in (400 WEAK_PASSWORD).
         */
        post: operations["completePasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of my account; with everywhere=true, every device's trust too */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public key set for parent tokens */
        get: operations["jwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Discovery document for the parent-token issuer */
        get: operations["openidConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The OpenAPI 3.1 description of this API */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite (or invite again) selected guardians by mail; a grade or the whole school is a bulk job (invite-guardians) */
        post: operations["inviteGuardians"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/invitations/{parentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a guardian's open invitation; audited (400 when none is open) */
        delete: operations["revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/guardians": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The guardians the SIS names for the school, with counts per invitation state and a filter */
        get: operations["listGuardians"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schools/{schoolId}/guardians/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invitation status of every guardian as a CSV */
        get: operations["guardiansCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What an invitation link links: the school and the named children, masked (401 when used, replaced, revoked or expired) */
        post: operations["previewInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation: activate the account and link every named child at once; the link works once
         * @description The new password follows the rules of a first sign-in (400 WEAK_PASSWORD). Ends every earlier session of the account.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/lost-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * "I lost my letter": fresh invitations to the guardians on file for the student named, never to the requester
         * @description Limited per student and per address (429); audited (code.lost-requested) in the school's trail; a school may turn it off (lostCodeRequests: off), with the same answer.
         */
        post: operations["requestLostCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/passkeys/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start adding a passkey to my account
         * @description 409 PASSKEY_LIMIT when the account holds its 10 passkeys already. The challenge lasts 5 minutes and works once.
         */
        post: operations["passkeyRegistrationOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The passkeys of my account */
        get: operations["listPasskeys"];
        put?: never;
        /**
         * Add a passkey: verify the authenticator's answer to my registration challenge and keep its public key
         * @description 400 PASSKEY_NOT_VERIFIED when the challenge was used, expired or is not this account's, or the answer does not verify (user verification is required). 409 PASSKEY_LIMIT (10 per account) or PASSKEY_EXISTS. Audited as parent.passkey-added in the district trail.
         */
        post: operations["registerPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/passkeys/{passkeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove one of my passkeys
         * @description 404 for an id that is not one of the caller's passkeys. Audited as parent.passkey-removed in the district trail.
         */
        delete: operations["removePasskey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a passkey sign-in: a challenge that names no account */
        post: operations["passkeySignInOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/passkey/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with a passkey: a session token and a device token
         * @description One answer (401 INVALID_PASSKEY) for an unknown or removed passkey, another district's account, a used or expired challenge, a bad signature and a signature counter that went back. Failures are limited per address (429). Audited as parent.sign-in (method passkey) in the district trail.
         */
        post: operations["passkeySignIn"];
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
        Error: {
            error: {
                code: string;
                message: string;
                details?: unknown;
            };
        };
        GatewayError: {
            message: string;
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
    listStudents: {
        parameters: {
            query?: {
                /**
                 * @description A search: an exact student number, else up to 4 words of a name in any order, each the start of a word of the first or last name ("Giulia", "giu abb", "Abbiatici, Giulia" = last, first); case and accents ignored. Answers the first `limit` matches in name order, with no cursor
                 * @example Giulia Abb
                 */
                q?: string;
                /** @example 25 */
                limit?: number;
                /** @description From the previous page of a listing (not with q) */
                cursor?: string;
                /** @description Name order (last name, first name): asc A→Z, desc Z→A */
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of students with their linked parents, and their current codes for callers holding codes:read */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            studentId: string;
                            firstName: string;
                            lastName: string;
                            studentNumber: string;
                            grade?: string;
                            homeroom?: string;
                            /** @description The current access code, grouped for reading (XXXX-XXXX-XXXX). Only for callers holding codes:read (each such page is audited as code.viewed); absent otherwise */
                            code?: string;
                            /** Format: date-time */
                            codeIssuedAt?: string;
                            /** Format: date-time */
                            codeExpiresAt?: string;
                            /** @description A parent reported "not my child" (the link is already gone); cleared by the wrong-link fix */
                            flag?: {
                                /** Format: date-time */
                                at: string;
                                /** @description The parent who reported it */
                                parentId: string;
                                /** @description That parent's first name (absent if the parent no longer exists) */
                                firstName?: string;
                                /** @description That parent's last name */
                                lastName?: string;
                                /** @description The parent's own note from the portal (at most 500 characters), when they wrote one */
                                reason?: string;
                            };
                            parents: {
                                parentId: string;
                                firstName?: string;
                                lastName?: string;
                                /** Format: date-time */
                                linkedAt: string;
                            }[];
                        }[];
                        nextCursor?: string;
                        /** @description How many: on a listing's first page (no cursor), the school's students (absent past ~50,000); on a search, the matches found (a lower bound when `more` is true). Absent on later pages */
                        total?: number;
                        /** @description A listing: another page follows (`nextCursor`). A search: more matched than shown, or the search stopped at its read bound; type more of the name to narrow it (a search has no cursor) */
                        more: boolean;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeLink: {
        parameters: {
            query?: {
                /** @example custody order */
                reason?: string;
            };
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example st1 */
                studentId: string;
                /** @example p1 */
                parentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The link is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        studentId: string;
                        parentId: string;
                        /** @enum {boolean} */
                        removed: true;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    clearLinks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "studentIds": [
                 *         "st1"
                 *       ],
                 *       "reason": "new school year"
                 *     }
                 */
                "application/json": {
                    studentIds: string[];
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Links removed, per student and in all */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        students: {
                            studentId: string;
                            linksRemoved: number;
                        }[];
                        linksRemoved: number;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resetCodes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "studentIds": [
                 *         "st1"
                 *       ]
                 *     }
                 */
                "application/json": {
                    studentIds: string[];
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description The new codes, to redistribute */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        reset: number;
                        students: {
                            studentId: string;
                            code: string;
                            /** Format: date-time */
                            expiresAt?: string;
                        }[];
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    fixWrongLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example st1 */
                studentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "parentId": "p1",
                 *       "reason": "parent reported not my child"
                 *     }
                 */
                "application/json": {
                    parentId: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The wrong link is gone and the student has a new code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        studentId: string;
                        parentId: string;
                        /** @enum {boolean} */
                        linkRemoved: true;
                        code: string;
                        expiresAt?: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    codeLifecycle: {
        parameters: {
            query?: {
                /** @example 14 */
                days?: number;
            };
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Where the codes stand, and failed guesses by day */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The latest finished census (a code-census job): its tally and, as its file, the students with no linked parent */
                        census?: {
                            jobId: string;
                            type: string;
                            schoolId: string;
                            districtId: string;
                            dryRun: boolean;
                            /** @enum {string} */
                            status: "RUNNING" | "CANCELLING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
                            actor: {
                                /** @enum {string} */
                                type: "staff" | "parent" | "scheduler" | "system";
                                id: string;
                            };
                            /** @description Who started it, in words: the staff member's name (else email, else id), or the schedule's name */
                            startedByName: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description When the job started (registered); with updatedAt and processed/total, its rate and an estimate
                             */
                            startedAt: string;
                            /**
                             * Format: date-time
                             * @description When its last page committed (its counts last moved); absent before the first
                             */
                            updatedAt?: string;
                            /** Format: date-time */
                            finishedAt?: string;
                            toleratedFailurePercent: number;
                            /** @description Items in scope, counted when the job is planned */
                            total?: number;
                            processed: number;
                            failed: number;
                            /** @description Codes reset, links removed or passwords set (or, in a preview, that would be) */
                            effects: number;
                            abandonedSegments: number;
                            pages: number;
                            cancelRequested?: boolean;
                            selected?: number;
                            /** @description Export jobs narrowed to one grade */
                            grade?: string;
                            /** @description Why the job was refused as a whole (an import whose files have problems: details lists them by file, line and column); nothing was written */
                            problem?: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                            uploadId?: string;
                            /** @description A census job: how many students are in each state */
                            tally?: {
                                [key: string]: number;
                            };
                            /** @description The file an export job made, once it succeeded: fetch it through GET …/jobs/{jobId}/file */
                            file?: {
                                name: string;
                                contentType: string;
                                bytes: number;
                                rows: number;
                            };
                        };
                        /** @description A census still running */
                        running?: {
                            jobId: string;
                            type: string;
                            schoolId: string;
                            districtId: string;
                            dryRun: boolean;
                            /** @enum {string} */
                            status: "RUNNING" | "CANCELLING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
                            actor: {
                                /** @enum {string} */
                                type: "staff" | "parent" | "scheduler" | "system";
                                id: string;
                            };
                            /** @description Who started it, in words: the staff member's name (else email, else id), or the schedule's name */
                            startedByName: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description When the job started (registered); with updatedAt and processed/total, its rate and an estimate
                             */
                            startedAt: string;
                            /**
                             * Format: date-time
                             * @description When its last page committed (its counts last moved); absent before the first
                             */
                            updatedAt?: string;
                            /** Format: date-time */
                            finishedAt?: string;
                            toleratedFailurePercent: number;
                            /** @description Items in scope, counted when the job is planned */
                            total?: number;
                            processed: number;
                            failed: number;
                            /** @description Codes reset, links removed or passwords set (or, in a preview, that would be) */
                            effects: number;
                            abandonedSegments: number;
                            pages: number;
                            cancelRequested?: boolean;
                            selected?: number;
                            /** @description Export jobs narrowed to one grade */
                            grade?: string;
                            /** @description Why the job was refused as a whole (an import whose files have problems: details lists them by file, line and column); nothing was written */
                            problem?: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                            uploadId?: string;
                            /** @description A census job: how many students are in each state */
                            tally?: {
                                [key: string]: number;
                            };
                            /** @description The file an export job made, once it succeeded: fetch it through GET …/jobs/{jobId}/file */
                            file?: {
                                name: string;
                                contentType: string;
                                bytes: number;
                                rows: number;
                            };
                        };
                        /** @description Failed code guesses by parents this school rosters, by day, oldest first */
                        failedGuesses: {
                            /** @description UTC day, YYYY-MM-DD */
                            day: string;
                            count: number;
                        }[];
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportCodes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "studentIds": [
                 *         "st1",
                 *         "st2"
                 *       ]
                 *     }
                 */
                "application/json": {
                    studentIds: string[];
                };
            };
        };
        responses: {
            /** @description A CSV (UTF-8 with BOM, CRLF): last name, first name, student number, grade, homeroom, code, issued at, expires at; cells a spreadsheet would run as formulas start with an apostrophe */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    codeLetters: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "studentIds": [
                 *         "st1",
                 *         "st2"
                 *       ]
                 *     }
                 */
                "application/json": {
                    studentIds: string[];
                };
            };
        };
        responses: {
            /** @description A PDF, one page per student in name order: the school's name, the student (grade, homeroom), the code, its expiry, the school's letter text (or how to link in the portal) and contact line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getJobFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example job1 */
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A short-lived download link of the file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: uri
                         * @description A presigned S3 GET of the file; it works for a few minutes only
                         */
                        url: string;
                        name: string;
                        contentType: string;
                        bytes: number;
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    findParents: {
        parameters: {
            query: {
                /** @description any (default): one box; an email if q holds "@", else the user name, the parent's own name and a child's name or student number together. The others keep to one way */
                by?: "any" | "name" | "student" | "email" | "userName";
                /**
                 * @description An email or user name (exact, case-insensitive), a student number (exact), or up to 4 words of a name in any order, each the start of a word of the first or last name ("Rosa Abbiatici", "abbiatici, rosa" = last, first, "giu abb"); case and accents ignored
                 * @example Rosa Abbiatici
                 */
                q: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Matching parents this school may see, each with how it was found */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description In order: user name, email, student number, the parent's own name, a child's name (each in name order); at most `limit` */
                        items: {
                            parentId: string;
                            firstName: string;
                            lastName: string;
                            userName: string;
                            email?: string;
                            /** @enum {string} */
                            accountState: "never-signed-in" | "active" | "must-change-password" | "locked";
                            /** Format: date-time */
                            lastSignInAt?: string;
                            /** Format: date-time */
                            temporaryPasswordExpiresAt?: string;
                            students: {
                                studentId: string;
                                firstName: string;
                                lastName: string;
                            }[];
                            /** @description Whether the caller may set this parent's password or unlock the account: the school rosters the parent, or the caller is district-wide staff */
                            managed: boolean;
                            /**
                             * @description How the search found this parent: their own name, a child of this school (by name or student number: see matchedStudent), their email, or their user name
                             * @enum {string}
                             */
                            matchedBy: "name" | "student" | "email" | "userName";
                            /** @description For matchedBy "student": the child the search named (linked to the parent, or named as a guardian by the roster) */
                            matchedStudent?: {
                                studentId: string;
                                firstName: string;
                                lastName: string;
                            };
                        }[];
                        /** @description More may match than are shown (more than `limit`, or the search stopped at one of its bounds): type more of the name */
                        more: boolean;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setParentPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example p1 */
                parentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "confirm": true
                 *     }
                 */
                "application/json": {
                    /** @enum {boolean} */
                    confirm: true;
                };
            };
        };
        responses: {
            /** @description The temporary password scheme and its expiry; the parent must change it at the next sign-in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        parentId: string;
                        userName: string;
                        /** @enum {string} */
                        policy: "default" | "random";
                        /** Format: date-time */
                        expiresAt: string;
                        /** @description Only under the random policy: hand it to the parent */
                        temporaryPassword?: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request is well formed but cannot be carried out for these records (NO_DEFAULT_PASSWORD lists them) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The work would not fit in the time API Gateway allows (TIME_BUDGET_EXCEEDED); nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setParentPasswords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "parentIds": [
                 *         "p1"
                 *       ],
                 *       "confirm": true
                 *     }
                 */
                "application/json": {
                    parentIds: string[];
                    /** @enum {boolean} */
                    confirm: true;
                };
            };
        };
        responses: {
            /** @description One entry per parent; all or nothing */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        parents: {
                            parentId: string;
                            userName: string;
                            /** @enum {string} */
                            policy: "default" | "random";
                            /** Format: date-time */
                            expiresAt: string;
                            /** @description Only under the random policy: hand it to the parent */
                            temporaryPassword?: string;
                        }[];
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request is well formed but cannot be carried out for these records (NO_DEFAULT_PASSWORD lists them) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The work would not fit in the time API Gateway allows (TIME_BUDGET_EXCEEDED); nothing was changed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unlockParent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example p1 */
                parentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account can sign in again */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        parentId: string;
                        accountState: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listJobs: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Jobs, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            jobId: string;
                            type: string;
                            schoolId: string;
                            districtId: string;
                            dryRun: boolean;
                            /** @enum {string} */
                            status: "RUNNING" | "CANCELLING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
                            actor: {
                                /** @enum {string} */
                                type: "staff" | "parent" | "scheduler" | "system";
                                id: string;
                            };
                            /** @description Who started it, in words: the staff member's name (else email, else id), or the schedule's name */
                            startedByName: string;
                            /** Format: date-time */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description When the job started (registered); with updatedAt and processed/total, its rate and an estimate
                             */
                            startedAt: string;
                            /**
                             * Format: date-time
                             * @description When its last page committed (its counts last moved); absent before the first
                             */
                            updatedAt?: string;
                            /** Format: date-time */
                            finishedAt?: string;
                            toleratedFailurePercent: number;
                            /** @description Items in scope, counted when the job is planned */
                            total?: number;
                            processed: number;
                            failed: number;
                            /** @description Codes reset, links removed or passwords set (or, in a preview, that would be) */
                            effects: number;
                            abandonedSegments: number;
                            pages: number;
                            cancelRequested?: boolean;
                            selected?: number;
                            /** @description Export jobs narrowed to one grade */
                            grade?: string;
                            /** @description Why the job was refused as a whole (an import whose files have problems: details lists them by file, line and column); nothing was written */
                            problem?: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                            uploadId?: string;
                            /** @description A census job: how many students are in each state */
                            tally?: {
                                [key: string]: number;
                            };
                            /** @description The file an export job made, once it succeeded: fetch it through GET …/jobs/{jobId}/file */
                            file?: {
                                name: string;
                                contentType: string;
                                bytes: number;
                                rows: number;
                            };
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "reset-codes",
                 *       "idempotencyKey": "reset-all-2026-09"
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    type: "reset-codes";
                    /** @default false */
                    dryRun?: boolean;
                    idempotencyKey?: string;
                    /** @default 0 */
                    toleratedFailurePercent?: number;
                } | {
                    /** @enum {string} */
                    type: "clear-links";
                    /** @default false */
                    dryRun?: boolean;
                    idempotencyKey?: string;
                    /** @default 0 */
                    toleratedFailurePercent?: number;
                } | {
                    /** @enum {string} */
                    type: "set-passwords";
                    /** @default false */
                    dryRun?: boolean;
                    idempotencyKey?: string;
                    /** @default 0 */
                    toleratedFailurePercent?: number;
                    /** @description Only these parents (otherwise every parent the school rosters) */
                    parentIds?: string[];
                    /** @description How many accounts are in scope, as a preview (dryRun) of the same job counted (its total): required for the whole school; a job whose count differs changes nothing (CONFIRM_ACCOUNTS_MISMATCH) */
                    confirmAccounts?: number;
                } | {
                    /** @enum {string} */
                    type: "export-codes";
                    /** @default false */
                    dryRun?: boolean;
                    idempotencyKey?: string;
                    /** @default 0 */
                    toleratedFailurePercent?: number;
                    /** @description Only this grade, as the roster writes it */
                    grade?: string;
                } | {
                    /** @enum {string} */
                    type: "code-letters";
                    /** @default false */
                    dryRun?: boolean;
                    idempotencyKey?: string;
                    /** @default 0 */
                    toleratedFailurePercent?: number;
                    /** @description Only this grade, as the roster writes it */
                    grade?: string;
                } | {
                    /** @enum {string} */
                    type: "import-oneroster";
                    /** @default false */
                    dryRun?: boolean;
                    idempotencyKey?: string;
                    /** @default 0 */
                    toleratedFailurePercent?: number;
                    /**
                     * Format: uuid
                     * @description The upload from POST …/roster/uploads
                     */
                    uploadId: string;
                    /** @description Link each student to the guardians its agentSourcedIds name */
                    linkGuardians?: boolean;
                } | {
                    /** @enum {string} */
                    type: "code-census";
                    /** @default false */
                    dryRun?: boolean;
                    idempotencyKey?: string;
                    /** @default 0 */
                    toleratedFailurePercent?: number;
                } | {
                    /** @enum {string} */
                    type: "invite-guardians";
                    /** @default false */
                    dryRun?: boolean;
                    idempotencyKey?: string;
                    /** @default 0 */
                    toleratedFailurePercent?: number;
                    /** @description Only this grade, as the roster writes it */
                    grade?: string;
                    /** @description Only these guardians (otherwise every guardian named for the school's students, or the grade's) */
                    parentIds?: string[];
                } | {
                    /** @enum {string} */
                    type: "remind-invitations";
                    /** @default false */
                    dryRun?: boolean;
                    idempotencyKey?: string;
                    /** @default 0 */
                    toleratedFailurePercent?: number;
                };
            };
        };
        responses: {
            /** @description The job, running; follow it with GET …/jobs/{jobId} */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        type: string;
                        schoolId: string;
                        districtId: string;
                        dryRun: boolean;
                        /** @enum {string} */
                        status: "RUNNING" | "CANCELLING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
                        actor: {
                            /** @enum {string} */
                            type: "staff" | "parent" | "scheduler" | "system";
                            id: string;
                        };
                        /** @description Who started it, in words: the staff member's name (else email, else id), or the schedule's name */
                        startedByName: string;
                        /** Format: date-time */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description When the job started (registered); with updatedAt and processed/total, its rate and an estimate
                         */
                        startedAt: string;
                        /**
                         * Format: date-time
                         * @description When its last page committed (its counts last moved); absent before the first
                         */
                        updatedAt?: string;
                        /** Format: date-time */
                        finishedAt?: string;
                        toleratedFailurePercent: number;
                        /** @description Items in scope, counted when the job is planned */
                        total?: number;
                        processed: number;
                        failed: number;
                        /** @description Codes reset, links removed or passwords set (or, in a preview, that would be) */
                        effects: number;
                        abandonedSegments: number;
                        pages: number;
                        cancelRequested?: boolean;
                        selected?: number;
                        /** @description Export jobs narrowed to one grade */
                        grade?: string;
                        /** @description Why the job was refused as a whole (an import whose files have problems: details lists them by file, line and column); nothing was written */
                        problem?: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                        uploadId?: string;
                        /** @description A census job: how many students are in each state */
                        tally?: {
                            [key: string]: number;
                        };
                        /** @description The file an export job made, once it succeeded: fetch it through GET …/jobs/{jobId}/file */
                        file?: {
                            name: string;
                            contentType: string;
                            bytes: number;
                            rows: number;
                        };
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example job1 */
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job and its progress */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        type: string;
                        schoolId: string;
                        districtId: string;
                        dryRun: boolean;
                        /** @enum {string} */
                        status: "RUNNING" | "CANCELLING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
                        actor: {
                            /** @enum {string} */
                            type: "staff" | "parent" | "scheduler" | "system";
                            id: string;
                        };
                        /** @description Who started it, in words: the staff member's name (else email, else id), or the schedule's name */
                        startedByName: string;
                        /** Format: date-time */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description When the job started (registered); with updatedAt and processed/total, its rate and an estimate
                         */
                        startedAt: string;
                        /**
                         * Format: date-time
                         * @description When its last page committed (its counts last moved); absent before the first
                         */
                        updatedAt?: string;
                        /** Format: date-time */
                        finishedAt?: string;
                        toleratedFailurePercent: number;
                        /** @description Items in scope, counted when the job is planned */
                        total?: number;
                        processed: number;
                        failed: number;
                        /** @description Codes reset, links removed or passwords set (or, in a preview, that would be) */
                        effects: number;
                        abandonedSegments: number;
                        pages: number;
                        cancelRequested?: boolean;
                        selected?: number;
                        /** @description Export jobs narrowed to one grade */
                        grade?: string;
                        /** @description Why the job was refused as a whole (an import whose files have problems: details lists them by file, line and column); nothing was written */
                        problem?: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                        uploadId?: string;
                        /** @description A census job: how many students are in each state */
                        tally?: {
                            [key: string]: number;
                        };
                        /** @description The file an export job made, once it succeeded: fetch it through GET …/jobs/{jobId}/file */
                        file?: {
                            name: string;
                            contentType: string;
                            bytes: number;
                            rows: number;
                        };
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example job1 */
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, asked to stop: no further page starts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobId: string;
                        type: string;
                        schoolId: string;
                        districtId: string;
                        dryRun: boolean;
                        /** @enum {string} */
                        status: "RUNNING" | "CANCELLING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
                        actor: {
                            /** @enum {string} */
                            type: "staff" | "parent" | "scheduler" | "system";
                            id: string;
                        };
                        /** @description Who started it, in words: the staff member's name (else email, else id), or the schedule's name */
                        startedByName: string;
                        /** Format: date-time */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @description When the job started (registered); with updatedAt and processed/total, its rate and an estimate
                         */
                        startedAt: string;
                        /**
                         * Format: date-time
                         * @description When its last page committed (its counts last moved); absent before the first
                         */
                        updatedAt?: string;
                        /** Format: date-time */
                        finishedAt?: string;
                        toleratedFailurePercent: number;
                        /** @description Items in scope, counted when the job is planned */
                        total?: number;
                        processed: number;
                        failed: number;
                        /** @description Codes reset, links removed or passwords set (or, in a preview, that would be) */
                        effects: number;
                        abandonedSegments: number;
                        pages: number;
                        cancelRequested?: boolean;
                        selected?: number;
                        /** @description Export jobs narrowed to one grade */
                        grade?: string;
                        /** @description Why the job was refused as a whole (an import whose files have problems: details lists them by file, line and column); nothing was written */
                        problem?: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                        uploadId?: string;
                        /** @description A census job: how many students are in each state */
                        tally?: {
                            [key: string]: number;
                        };
                        /** @description The file an export job made, once it succeeded: fetch it through GET …/jobs/{jobId}/file */
                        file?: {
                            name: string;
                            contentType: string;
                            bytes: number;
                            rows: number;
                        };
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example reset-september */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "reset-codes",
                 *       "expression": "cron(0 5 1 9 ? *)",
                 *       "timezone": "America/Chicago"
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    type: "reset-codes" | "clear-links" | "code-census" | "remind-invitations";
                    expression: string;
                    /** @default UTC */
                    timezone?: string;
                };
            };
        };
        responses: {
            /** @description The schedule as saved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        schoolId: string;
                        name: string;
                        type: string;
                        expression: string;
                        timezone: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example sched1 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        deleted: true;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSchedules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The school's schedules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            schoolId: string;
                            name: string;
                            type: string;
                            expression: string;
                            timezone: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rosterUploads: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "files": [
                 *         {
                 *           "name": "users.csv",
                 *           "bytes": 18400000
                 *         },
                 *         {
                 *           "name": "orgs.csv",
                 *           "bytes": 2100
                 *         },
                 *         {
                 *           "name": "enrollments.csv",
                 *           "bytes": 9700000
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    files: {
                        /** @enum {string} */
                        name: "users.csv" | "orgs.csv" | "enrollments.csv";
                        /** @description The file's exact size: the link admits this many bytes and no other */
                        bytes: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Where to PUT each file (for 15 minutes); then start POST …/jobs {"type":"import-oneroster","uploadId"} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        uploadId: string;
                        files: {
                            name: string;
                            /**
                             * Format: uri
                             * @description PUT the file here (a presigned S3 URL), with exactly the declared size
                             */
                            url: string;
                            /** @description Send these headers with the PUT (they are signed) */
                            headers: {
                                /** @enum {string} */
                                "content-type": "text/csv";
                            };
                        }[];
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    upsertRoster: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "students": [
                 *         {
                 *           "studentId": "new1",
                 *           "firstName": "Elena",
                 *           "lastName": "Santos",
                 *           "studentNumber": "700123",
                 *           "grade": "7",
                 *           "homeroom": "7B"
                 *         }
                 *       ],
                 *       "parents": [
                 *         {
                 *           "parentId": "newp1",
                 *           "firstName": "Rosa",
                 *           "lastName": "Santos",
                 *           "userName": "rsantos",
                 *           "email": "rosa@example.org"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @default [] */
                    students?: {
                        studentId: string;
                        firstName: string;
                        lastName: string;
                        studentNumber: string;
                        /** @description As the SIS writes it: "7", "K", "12" */
                        grade?: string;
                        homeroom?: string;
                    }[];
                    /** @default [] */
                    parents?: {
                        parentId: string;
                        firstName: string;
                        lastName: string;
                        userName: string;
                        /** Format: email */
                        email?: string;
                        /** @description The children the SIS names for this guardian at this school, for invitations (left out: kept as they are) */
                        studentIds?: string[];
                    }[];
                };
            };
        };
        responses: {
            /** @description What changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        students: {
                            created: number;
                            updated: number;
                            unchanged: number;
                        };
                        parents: {
                            written: number;
                            unchanged: number;
                        };
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importOneroster: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "files": {
                 *         "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\nlincoln-ms,active,2026-08-01T00:00:00Z,Lincoln Middle School,school,LMS,springfield\r\n",
                 *         "users.csv": "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\nstu-1,active,,true,lincoln-ms,student,esantos,,Elena,Santos,,700123,,,,gdn-1,07,\r\ngdn-1,active,,true,lincoln-ms,guardian,rsantos,,Rosa,Santos,,,rosa@example.org,,,,,\r\n"
                 *       },
                 *       "linkGuardians": true
                 *     }
                 */
                "application/json": {
                    files: {
                        "users.csv": string;
                        "orgs.csv"?: string;
                        "enrollments.csv"?: string;
                    };
                    /**
                     * @description Link each student to the guardians its agentSourcedIds name
                     * @default false
                     */
                    linkGuardians?: boolean;
                };
            };
        };
        responses: {
            /** @description What changed; importing the same files again changes nothing */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        students: {
                            created: number;
                            updated: number;
                            unchanged: number;
                        };
                        parents: {
                            written: number;
                            unchanged: number;
                        };
                        links: {
                            created: number;
                            existing: number;
                        };
                        skipped: {
                            /** @description Other schools, other roles, or marked tobedeleted */
                            users: number;
                        };
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putSchool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example springfield */
                districtId: string;
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Lincoln Middle School",
                 *       "codeTtlDays": 365,
                 *       "passwordPolicy": "default",
                 *       "contactLine": "Front office: 555-0100"
                 *     }
                 */
                "application/json": {
                    name: string;
                    codeTtlDays?: number;
                    /** @enum {string} */
                    passwordPolicy?: "default" | "random";
                    letterText?: string;
                    contactLine?: string;
                    /** @description Days an invitation link works (default 14) */
                    invitationDays?: number;
                    invitationText?: string;
                    /** @enum {string} */
                    lostCodeRequests?: "on" | "off";
                };
            };
        };
        responses: {
            /** @description The school as saved, whether it was new, and which settings changed (none: nothing was written) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        school: {
                            schoolId: string;
                            districtId: string;
                            name: string;
                            /** @description New codes expire this many days after they are issued */
                            codeTtlDays?: number;
                            /**
                             * @description Staff-set passwords: last name + first initial, or random
                             * @enum {string}
                             */
                            passwordPolicy?: "default" | "random";
                            letterText?: string;
                            contactLine?: string;
                            /** @description Days an invitation link works (default 14) */
                            invitationDays?: number;
                            /** @description The school's own words in invitation mails */
                            invitationText?: string;
                            /**
                             * @description Whether parents may ask for a lost code from the sign-in page (default on)
                             * @enum {string}
                             */
                            lostCodeRequests?: "on" | "off";
                            /** Format: date-time */
                            updatedAt?: string;
                        };
                        created: boolean;
                        changed: string[];
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importOnerosterSchools: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example springfield */
                districtId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "files": {
                 *         "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\nlincoln-ms,active,2026-08-01,Lincoln Middle School,school,LMS,springfield\r\n"
                 *       }
                 *     }
                 */
                "application/json": {
                    files: {
                        "orgs.csv": string;
                    };
                };
            };
        };
        responses: {
            /** @description What changed; importing the same file again changes nothing */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        schools: {
                            created: number;
                            updated: number;
                            unchanged: number;
                        };
                        skipped: {
                            /** @description Orgs that are not schools, or marked tobedeleted */
                            orgs: number;
                        };
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSchools: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example springfield */
                districtId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The district's schools, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            schoolId: string;
                            districtId: string;
                            name: string;
                            /** @description New codes expire this many days after they are issued */
                            codeTtlDays?: number;
                            /**
                             * @description Staff-set passwords: last name + first initial, or random
                             * @enum {string}
                             */
                            passwordPolicy?: "default" | "random";
                            letterText?: string;
                            contactLine?: string;
                            /** @description Days an invitation link works (default 14) */
                            invitationDays?: number;
                            /** @description The school's own words in invitation mails */
                            invitationText?: string;
                            /**
                             * @description Whether parents may ask for a lost code from the sign-in page (default on)
                             * @enum {string}
                             */
                            lostCodeRequests?: "on" | "off";
                            /** Format: date-time */
                            updatedAt?: string;
                        }[];
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAudit: {
        parameters: {
            query?: {
                studentId?: string;
                parentId?: string;
                actorId?: string;
                /**
                 * @description One of the audit actions (AUDIT_ACTIONS)
                 * @example code.reset
                 */
                action?: "code.reset" | "code.viewed" | "code.exported" | "code.previewed" | "code.lost-requested" | "link.created" | "link.removed" | "case.opened" | "case.resolved" | "student.created" | "student.updated" | "parent.upserted" | "parent.looked-up" | "parents.searched" | "parent.password-set" | "parent.password-changed" | "parent.password-reset" | "parent.recovery-requested" | "parent.sign-in" | "parent.signed-out" | "parent.locked" | "parent.unlocked" | "parent.passkey-added" | "parent.passkey-removed" | "guardian.named" | "guardian.invited" | "guardian.reminded" | "guardian.invitation-accepted" | "guardian.invitation-revoked" | "job.started" | "job.finished" | "job.cancelled" | "job.interrupted" | "job.refused" | "job.file-linked" | "schedule.saved" | "schedule.deleted" | "school.created" | "school.updated";
                from?: string;
                to?: string;
                /** @example 50 */
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            eventId: string;
                            schoolId?: string;
                            districtId?: string;
                            action: string;
                            actor: {
                                /** @enum {string} */
                                type: "staff" | "parent" | "scheduler" | "system";
                                id: string;
                            };
                            /** Format: date-time */
                            at: string;
                            studentId?: string;
                            parentId?: string;
                            reason?: string;
                            details?: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description Who acted, in words: a parent's name, a schedule's name; staff and anyone not found by their id */
                            actorName: string;
                            /** @description The student's first and last name (the id if the student is gone); with studentId */
                            studentName?: string;
                            /** @description The parent's first and last name (the id if the parent is gone); with parentId */
                            parentName?: string;
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDistrictAudit: {
        parameters: {
            query?: {
                studentId?: string;
                /** @example p1 */
                parentId?: string;
                actorId?: string;
                /** @description One of the audit actions (AUDIT_ACTIONS) */
                action?: "code.reset" | "code.viewed" | "code.exported" | "code.previewed" | "code.lost-requested" | "link.created" | "link.removed" | "case.opened" | "case.resolved" | "student.created" | "student.updated" | "parent.upserted" | "parent.looked-up" | "parents.searched" | "parent.password-set" | "parent.password-changed" | "parent.password-reset" | "parent.recovery-requested" | "parent.sign-in" | "parent.signed-out" | "parent.locked" | "parent.unlocked" | "parent.passkey-added" | "parent.passkey-removed" | "guardian.named" | "guardian.invited" | "guardian.reminded" | "guardian.invitation-accepted" | "guardian.invitation-revoked" | "job.started" | "job.finished" | "job.cancelled" | "job.interrupted" | "job.refused" | "job.file-linked" | "schedule.saved" | "schedule.deleted" | "school.created" | "school.updated";
                from?: string;
                to?: string;
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                /** @example springfield */
                districtId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            eventId: string;
                            schoolId?: string;
                            districtId?: string;
                            action: string;
                            actor: {
                                /** @enum {string} */
                                type: "staff" | "parent" | "scheduler" | "system";
                                id: string;
                            };
                            /** Format: date-time */
                            at: string;
                            studentId?: string;
                            parentId?: string;
                            reason?: string;
                            details?: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description Who acted, in words: a parent's name, a schedule's name; staff and anyone not found by their id */
                            actorName: string;
                            /** @description The student's first and last name (the id if the student is gone); with studentId */
                            studentName?: string;
                            /** @description The parent's first and last name (the id if the parent is gone); with parentId */
                            parentName?: string;
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    redeemCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "ABCD-EFGH-JKMN"
                 *     }
                 */
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Linked (201), or already linked (200) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        schoolId: string;
                        studentId: string;
                        alreadyLinked: boolean;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "ABCD-EFGH-JKMN"
                 *     }
                 */
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Whose child the code belongs to, masked, so the parent can confirm before linking */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Masked: first letter of each name, e.g. "E*** S." */
                        student: string;
                        /** @description The grade the roster gives, so a parent can tell two children apart */
                        grade?: string;
                        school: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyStudents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My linked children */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        students: {
                            schoolId: string;
                            studentId: string;
                            firstName: string;
                            lastName: string;
                            /** Format: date-time */
                            linkedAt: string;
                        }[];
                    };
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unlinkStudent: {
        parameters: {
            query?: {
                reason?: string;
            };
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example st1 */
                studentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My link is gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        schoolId: string;
                        studentId: string;
                        /** @enum {boolean} */
                        removed: true;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reportNotMyChild: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example st1 */
                studentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "I do not know this child"
                 *     }
                 */
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description My link is gone and staff see a flag on the student */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        schoolId: string;
                        studentId: string;
                        /** @enum {boolean} */
                        removed: true;
                        /** @enum {boolean} */
                        reported: true;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "district": "springfield",
                 *       "userName": "rsantos",
                 *       "password": "correct horse battery staple"
                 *     }
                 */
                "application/json": {
                    district: string;
                    userName: string;
                    password: string;
                    deviceToken?: string;
                };
            };
        };
        responses: {
            /** @description A session, or a NEW_PASSWORD_REQUIRED challenge */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A parent bearer token (RS256) */
                        token: string;
                        /** @description Seconds */
                        expiresIn: number;
                        /** @description Lets this device sign in while the account is locked by guessing from elsewhere */
                        deviceToken?: string;
                    } | {
                        /** @enum {string} */
                        challenge: "NEW_PASSWORD_REQUIRED";
                        session: string;
                        expiresIn: number;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials or the session are not valid (INVALID_CREDENTIALS, UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    newPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "session": "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
                 *       "newPassword": "a long and private passphrase"
                 *     }
                 */
                "application/json": {
                    session: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description A session with the new password */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A parent bearer token (RS256) */
                        token: string;
                        /** @description Seconds */
                        expiresIn: number;
                        /** @description Lets this device sign in while the account is locked by guessing from elsewhere */
                        deviceToken?: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials or the session are not valid (INVALID_CREDENTIALS, UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    recoverUserName: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "district": "springfield",
                 *       "email": "rosa@example.org"
                 *     }
                 */
                "application/json": {
                    district: string;
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description The same answer whether or not an account matches; a match is mailed its user name */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        accepted: true;
                        message: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "district": "springfield",
                 *       "userName": "rsantos"
                 *     }
                 */
                "application/json": {
                    district: string;
                    userName: string;
                };
            };
        };
        responses: {
            /** @description The same answer whether or not an account matches; a match with an email on file is mailed a reset link */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        accepted: true;
                        message: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    completePasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "district": "springfield",
                 *       "token": "cm9zYQ.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
                 *       "newPassword": "a long and private passphrase"
                 *     }
                 */
                "application/json": {
                    district: string;
                    token: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description The password is changed; sign in with it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userName: string;
                        /** @enum {boolean} */
                        passwordChanged: true;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials or the session are not valid (INVALID_CREDENTIALS, UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: {
                /**
                 * @description true: also end the trust of every browser that signed in (a lost phone, a shared computer); their device tokens stop working
                 * @example true
                 */
                everywhere?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every session of the account has ended (and, with everywhere, every device token) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        signedOut: true;
                        everywhere: boolean;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    jwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON Web Key Set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            /** @enum {string} */
                            kty: "RSA";
                            kid: string;
                            n: string;
                            e: string;
                        }[];
                    };
                };
            };
        };
    };
    openidConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenID discovery document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The API's URL in AWS */
                        issuer: string;
                        jwks_uri: string;
                    };
                };
            };
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description This document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                    };
                };
            };
        };
    };
    inviteGuardians: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "parentIds": [
                 *         "p1"
                 *       ]
                 *     }
                 */
                "application/json": {
                    parentIds: string[];
                };
            };
        };
        responses: {
            /** @description Who was invited (a new link each: an earlier one stops working), and who was not and why */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invited: string[];
                        "no-email": string[];
                        "not-named": string[];
                        "already-linked": string[];
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
                /** @example p1 */
                parentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invitation and its links no longer work */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        parentId: string;
                        /** @enum {boolean} */
                        revoked: true;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listGuardians: {
        parameters: {
            query?: {
                /** @example sent */
                state?: "no-email" | "not-invited" | "invited" | "sent" | "delivered" | "bounced" | "expired" | "revoked" | "registered" | "linked";
                /** @description Only the guardians the SIS names for this student */
                studentId?: string;
                limit?: number;
                offset?: number | null;
            };
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Guardians in name order with where their invitation stands */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        /** @description Guardians per state, of the whole school (or the student) */
                        counts: {
                            "no-email"?: number;
                            "not-invited"?: number;
                            invited?: number;
                            sent?: number;
                            delivered?: number;
                            bounced?: number;
                            expired?: number;
                            revoked?: number;
                            registered?: number;
                            linked?: number;
                        };
                        items: {
                            parentId: string;
                            firstName: string;
                            lastName: string;
                            hasEmail: boolean;
                            /** @description Children the SIS names for this guardian here */
                            students: number;
                            /** @enum {string} */
                            state: "no-email" | "not-invited" | "invited" | "sent" | "delivered" | "bounced" | "expired" | "revoked" | "registered" | "linked";
                            /** Format: date-time */
                            invitedAt?: string;
                            /** Format: date-time */
                            sentAt?: string;
                            /** Format: date-time */
                            remindedAt?: string;
                            /** Format: date-time */
                            expiresAt?: string;
                            /** Format: date-time */
                            acceptedAt?: string;
                        }[];
                        nextOffset?: number;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    guardiansCsv: {
        parameters: {
            query?: {
                state?: "no-email" | "not-invited" | "invited" | "sent" | "delivered" | "bounced" | "expired" | "revoked" | "registered" | "linked";
            };
            header?: never;
            path: {
                /** @example lincoln-ms */
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every guardian (or one state) as a spreadsheet-safe CSV: id, names, email on file, children, state, dates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    previewInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "district": "springfield",
                 *       "school": "lincoln-ms",
                 *       "token": "cm9zYQ.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"
                 *     }
                 */
                "application/json": {
                    district: string;
                    school: string;
                    token: string;
                };
            };
        };
        responses: {
            /** @description Whose children the invitation links, masked, before the guardian confirms */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        school: string;
                        /** @description The user name the account signs in with */
                        userName: string;
                        /** Format: date-time */
                        expiresAt: string;
                        /** @description Whether the account has a password already (accepting replaces it) */
                        hasPassword: boolean;
                        students: {
                            /** @description Masked, as the code preview: "E*** S." */
                            student: string;
                            grade?: string;
                        }[];
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials or the session are not valid (INVALID_CREDENTIALS, UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "district": "springfield",
                 *       "school": "lincoln-ms",
                 *       "token": "cm9zYQ.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
                 *       "newPassword": "a long and private passphrase"
                 *     }
                 */
                "application/json": {
                    district: string;
                    school: string;
                    token: string;
                    /** @description The guardian's own password; left out when a passkey is registered next */
                    newPassword?: string;
                };
            };
        };
        responses: {
            /** @description The account is active, every named child linked, and a session opened */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A parent bearer token (RS256) */
                        token: string;
                        /** @description Seconds */
                        expiresIn: number;
                        /** @description Lets this device sign in while the account is locked by guessing from elsewhere */
                        deviceToken?: string;
                        userName: string;
                        /** @description Children linked now */
                        linked: number;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials or the session are not valid (INVALID_CREDENTIALS, UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestLostCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "district": "springfield",
                 *       "school": "lincoln-ms",
                 *       "firstName": "Emma",
                 *       "lastName": "Santos",
                 *       "studentNumber": "1001"
                 *     }
                 */
                "application/json": {
                    district: string;
                    school: string;
                    firstName: string;
                    lastName: string;
                    studentNumber: string;
                };
            };
        };
        responses: {
            /** @description The same answer whatever matched; a match mails fresh invitations to the addresses on file only */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        accepted: true;
                        message: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    passkeyRegistrationOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A single-use registration challenge for the calling parent, and the options to create a passkey with */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Send it back with the answer: each challenge works once */
                        challengeId: string;
                        /** Format: date-time */
                        expiresAt: string;
                        /** @description PublicKeyCredentialCreationOptionsJSON, for navigator.credentials.create (startRegistration): a discoverable credential with user verification, the account's passkeys excluded */
                        options: {
                            challenge: string;
                        };
                    };
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPasskeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description My passkeys, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        passkeys: {
                            passkeyId: string;
                            name: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            lastUsedAt?: string;
                            transports?: string[];
                            /** @description The authenticator syncs it (a password manager or a phone account), so it survives a lost device */
                            backedUp?: boolean;
                        }[];
                    };
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "challengeId": "q1w2e3r4t5y6u7i8o9p0aa",
                 *       "name": "My phone",
                 *       "response": {
                 *         "id": "AAECAwQFBgcICQoLDA0ODw",
                 *         "rawId": "AAECAwQFBgcICQoLDA0ODw",
                 *         "type": "public-key",
                 *         "response": {
                 *           "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0",
                 *           "attestationObject": "o2NmbXRkbm9uZQ",
                 *           "transports": [
                 *             "internal"
                 *           ]
                 *         },
                 *         "clientExtensionResults": {}
                 *       }
                 *     }
                 */
                "application/json": {
                    challengeId: string;
                    /** @description Defaults to "Passkey N" */
                    name?: string;
                    response: {
                        id: string;
                        rawId: string;
                        /** @enum {string} */
                        type: "public-key";
                        response: {
                            clientDataJSON: string;
                            attestationObject: string;
                            authenticatorData?: string;
                            transports?: string[];
                            publicKeyAlgorithm?: number;
                            publicKey?: string;
                        };
                        /** @enum {string} */
                        authenticatorAttachment?: "platform" | "cross-platform";
                        /** @description Ignored: no extension is asked for */
                        clientExtensionResults?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description The passkey is on the account; it signs in from now on */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        passkey: {
                            passkeyId: string;
                            name: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            lastUsedAt?: string;
                            transports?: string[];
                            /** @description The authenticator syncs it (a password manager or a phone account), so it survives a lost device */
                            backedUp?: boolean;
                        };
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removePasskey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example pk-3f9a1c2b7d */
                passkeyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The passkey signs in no more */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        passkeyId: string;
                        /** @enum {boolean} */
                        removed: true;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No valid token: refused by API Gateway before the function runs (`{ message }`), or a session that has ended (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"] | components["schemas"]["Error"];
                };
            };
            /** @description The caller lacks a permission this action needs (FORBIDDEN), or must change their password first (PASSWORD_CHANGE_REQUIRED) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown id, or one outside the caller's school or district (NOT_FOUND): the two are never told apart */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A conflict: the data changed under a concurrent request (BUSY; try again), or a rule refuses the change (its own code) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    passkeySignInOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "district": "springfield"
                 *     }
                 */
                "application/json": {
                    district: string;
                };
            };
        };
        responses: {
            /** @description A single-use sign-in challenge for the district; the same answer whoever asks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Send it back with the answer: each challenge works once */
                        challengeId: string;
                        /** Format: date-time */
                        expiresAt: string;
                        /** @description PublicKeyCredentialRequestOptionsJSON, for navigator.credentials.get (startAuthentication): no allowCredentials (the browser offers the passkeys it holds for this site), user verification required */
                        options: {
                            challenge: string;
                        };
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    passkeySignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "district": "springfield",
                 *       "challengeId": "q1w2e3r4t5y6u7i8o9p0aa",
                 *       "response": {
                 *         "id": "AAECAwQFBgcICQoLDA0ODw",
                 *         "rawId": "AAECAwQFBgcICQoLDA0ODw",
                 *         "type": "public-key",
                 *         "response": {
                 *           "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
                 *           "authenticatorData": "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ",
                 *           "signature": "MEUCIQDx",
                 *           "userHandle": "cDAwMDA"
                 *         },
                 *         "clientExtensionResults": {}
                 *       }
                 *     }
                 */
                "application/json": {
                    district: string;
                    challengeId: string;
                    response: {
                        id: string;
                        rawId: string;
                        /** @enum {string} */
                        type: "public-key";
                        response: {
                            clientDataJSON: string;
                            authenticatorData: string;
                            signature: string;
                            /** @description The account's id, as the passkey was registered with it */
                            userHandle?: string;
                        };
                        /** @enum {string} */
                        authenticatorAttachment?: "platform" | "cross-platform";
                        /** @description Ignored: no extension is asked for */
                        clientExtensionResults?: {
                            [key: string]: unknown;
                        };
                    };
                    deviceToken?: string;
                };
            };
        };
        responses: {
            /** @description A session, as a password sign-in gives */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A parent bearer token (RS256) */
                        token: string;
                        /** @description Seconds */
                        expiresIn: number;
                        /** @description Lets this device sign in while the account is locked by guessing from elsewhere */
                        deviceToken?: string;
                        /** @description The account signed in to: the portal keeps its device token under it */
                        userName: string;
                    };
                };
            };
            /** @description The request is not valid (VALIDATION_FAILED with the issues in `details`), or a code-specific refusal such as INVALID_CODE or WEAK_PASSWORD */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credentials or the session are not valid (INVALID_CREDENTIALS, UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many failed attempts (TOO_MANY_ATTEMPTS); the `retry-after` header says when to try again */
            429: {
                headers: {
                    /** @description Seconds */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
