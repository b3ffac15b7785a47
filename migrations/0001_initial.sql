-- gdpr-inbox state. Metadata only: no mail bodies are ever stored here.
-- Times are RFC 3339 UTC text ("2026-03-05T09:15:00Z"), which sorts correctly.

-- How far each watched mailbox has been read.
CREATE TABLE mailbox_sync (
    mailbox       TEXT PRIMARY KEY,
    uid_validity  INTEGER NOT NULL,
    last_uid      INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Cases: one per request (follow-ups join).
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    reference        TEXT NOT NULL UNIQUE,        -- "GDPR-2026-0007", quoted in reply subjects
    state            TEXT NOT NULL,               -- see cases::CaseState
    resolution       TEXT,                        -- set when closed
    kinds            TEXT NOT NULL,               -- comma-separated RequestKind names
    language         TEXT NOT NULL,
    requester        TEXT NOT NULL,               -- verified reply address (From)
    requester_name   TEXT,
    reply_to_differs INTEGER NOT NULL DEFAULT 0,  -- a Reply-To other than From was seen: never followed silently
    received_at      TEXT NOT NULL,               -- when the request reached the inbox (starts the clock)
    opened_message_id TEXT,                       -- Message-ID of the request that opened the case
    id_verified_at   TEXT,
    id_verified_by   TEXT,
    id_method        TEXT,
    extension_notice_at TEXT,                     -- when the requester was told of an extension (Art. 12(3))
    extension_reason TEXT,
    closed_at        TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX cases_requester ON cases(requester COLLATE NOCASE);

-- Every message the daemon has read, by mailbox and UID.
CREATE TABLE messages (
    id             INTEGER PRIMARY KEY,
    mailbox        TEXT NOT NULL,
    uid_validity   INTEGER NOT NULL,
    uid            INTEGER NOT NULL,
    message_key    TEXT NOT NULL,                 -- Message-ID, or "sha256:<hex>" of the raw mail when it has none
    sender         TEXT,
    subject        TEXT NOT NULL DEFAULT '',
    arrived_at     TEXT NOT NULL,                 -- IMAP INTERNALDATE
    size           INTEGER NOT NULL,
    kinds          TEXT NOT NULL DEFAULT '',
    automated      INTEGER NOT NULL DEFAULT 0,
    id_document    INTEGER NOT NULL DEFAULT 0,
    language       TEXT,
    confidence     REAL,
    needs_review   INTEGER NOT NULL DEFAULT 0,
    parse_error    TEXT,
    case_id        INTEGER REFERENCES cases(id),
    filed_at       TEXT,
    deleted_at     TEXT,
    UNIQUE (mailbox, uid_validity, uid),
    UNIQUE (mailbox, message_key)
);
CREATE INDEX messages_case ON messages(case_id);
CREATE INDEX messages_key ON messages(message_key);
CREATE INDEX messages_sender ON messages(sender);

-- Replies drafted for a case; nothing is sent unless approved.
CREATE TABLE drafts (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    purpose      TEXT NOT NULL,                   -- replies::Purpose
    language     TEXT NOT NULL,
    to_address   TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    in_reply_to  TEXT,                            -- Message-ID answered
    refs         TEXT NOT NULL DEFAULT '',        -- References, space-separated ids without <>
    state        TEXT NOT NULL DEFAULT 'pending', -- pending | approved | rejected | sent
    created_at   TEXT NOT NULL,
    decided_at   TEXT,
    decided_by   TEXT
);
CREATE INDEX drafts_case ON drafts(case_id);

-- Approved replies (and reminder digests to the practitioner) waiting to go out, built once so
-- a retry sends the identical bytes.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    draft_id     INTEGER UNIQUE REFERENCES drafts(id),  -- NULL for a digest to the practitioner
    message_id   TEXT NOT NULL UNIQUE,            -- recorded before the first attempt
    recipient    TEXT NOT NULL,
    raw          BLOB NOT NULL,
    state        TEXT NOT NULL DEFAULT 'queued',  -- queued | sending | sent | filed | unconfirmed | failed
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error   TEXT,
    queued_at    TEXT NOT NULL,
    sent_at      TEXT,
    filed_at     TEXT                             -- copy appended to Sent
);

-- Periods in which a case waited for the requester (identity documents, clarification); the
-- legal clock is suspended for them (EDPB 01/2022 §159-162).
CREATE TABLE suspensions (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    reason      TEXT NOT NULL,                    -- identity | clarification
    asked_at    TEXT NOT NULL,                    -- when the request for ID went out
    resumed_at  TEXT                              -- when the answer arrived
);
CREATE INDEX suspensions_case ON suspensions(case_id);

-- Reminders already queued for the practitioner, by their stable key
-- ("case-12/legal/2026-04-06/7d"): each is sent once, across restarts.
CREATE TABLE reminders_sent (
    key        TEXT PRIMARY KEY,
    outbox_id  INTEGER REFERENCES outbox(id),
    queued_at  TEXT NOT NULL
);

-- Personal-data breaches: the 72-hour clock of Art. 33 runs from awareness.
CREATE TABLE breaches (
    id           INTEGER PRIMARY KEY,
    description  TEXT NOT NULL,
    aware_at     TEXT NOT NULL,
    notified_at  TEXT,                            -- when the authority was notified
    created_at   TEXT NOT NULL
);

-- Append-only record of every state change: who, when, what, why.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,                       -- "daemon", "cli:<user>", ...
    action   TEXT NOT NULL,                       -- "case.opened", "draft.approved", ...
    case_id  INTEGER,
    draft_id INTEGER,
    detail   TEXT NOT NULL DEFAULT ''             -- no mail bodies, no personal data beyond ids
);
CREATE INDEX audit_case ON audit_log(case_id);
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
