/**
 * The console's schema, versioned: each migration is a list of single SQL statements (PGlite's
 * extended protocol takes one statement per query) and runs once, in order, in one transaction
 * under an advisory lock, so several instances starting together on one PostgreSQL migrate once.
 * Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'boards, accounts, sessions, requests, tools, registers, audit, limits, outboxes',
    statements: [
      `CREATE TABLE boards (
        id serial PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        fg_name text NOT NULL DEFAULT '',
        fg_email text NOT NULL,
        fg_phone text,
        info_url text,
        intake_token_hash text,
        email_domains text[] NOT NULL DEFAULT '{}',
        webhook_url text,
        webhook_secret_enc text,
        signing_key_enc text NOT NULL,
        public_key text NOT NULL,
        attention_digest_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE users (
        id serial PRIMARY KEY,
        board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        email text NOT NULL,
        name text NOT NULL DEFAULT '',
        password_hash text NOT NULL,
        role text NOT NULL DEFAULT 'fg' CHECK (role IN ('fg', 'viewer')),
        notify text NOT NULL DEFAULT 'instant' CHECK (notify IN ('instant', 'hourly', 'off')),
        language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
        digest_sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (board_id, email)
      )`,
      `CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`,
      `CREATE TABLE api_tokens (
        id serial PRIMARY KEY,
        board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        label text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`,
      `CREATE TABLE requests (
        id serial PRIMARY KEY,
        board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        request_id uuid NOT NULL,
        body_hash text NOT NULL,
        body jsonb,
        tool_host text NOT NULL,
        tool_name text NOT NULL,
        register_id text,
        requester_email text,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in-review', 'approved', 'rejected')),
        note text NOT NULL DEFAULT '',
        tool_id text,
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by text,
        redacted_at timestamptz,
        UNIQUE (board_id, request_id)
      )`,
      `CREATE INDEX requests_board_status ON requests (board_id, status, received_at)`,
      `CREATE INDEX requests_board_host ON requests (board_id, tool_host)`,
      `CREATE TABLE tools (
        board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        tool_id text NOT NULL,
        data jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT '',
        PRIMARY KEY (board_id, tool_id)
      )`,
      `CREATE TABLE registers (
        board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        serial integer NOT NULL CHECK (serial >= 1),
        envelope text NOT NULL,
        payload jsonb NOT NULL,
        etag text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL,
        PRIMARY KEY (board_id, serial)
      )`,
      `CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        subject text NOT NULL DEFAULT '',
        detail jsonb NOT NULL DEFAULT '{}'
      )`,
      `CREATE INDEX audit_board_at ON audit_log (board_id, at DESC)`,
      `CREATE TABLE rate_limits (
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (key, window_start)
      )`,
      `CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('email', 'webhook')),
        message jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        last_error text
      )`,
      `CREATE INDEX outbox_due ON outbox (next_at) WHERE done_at IS NULL`,
    ],
  },
  {
    version: 2,
    name: 'single sign-on per board, a second factor per account, login steps, session freshness',
    statements: [
      `ALTER TABLE boards ADD COLUMN sso_issuer text`,
      `ALTER TABLE boards ADD COLUMN sso_client_id text`,
      `ALTER TABLE boards ADD COLUMN sso_client_secret_enc text`,
      `ALTER TABLE boards ADD COLUMN sso_name text`,
      `ALTER TABLE boards ADD COLUMN password_login boolean NOT NULL DEFAULT true`,
      `ALTER TABLE boards ADD COLUMN mfa_required boolean NOT NULL DEFAULT false`,
      `ALTER TABLE users ADD COLUMN totp_secret_enc text`,
      `ALTER TABLE users ADD COLUMN totp_pending_enc text`,
      `ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz`,
      `ALTER TABLE users ADD COLUMN totp_last_step bigint NOT NULL DEFAULT 0`,
      `ALTER TABLE users ADD COLUMN sso_subject text`,
      `ALTER TABLE sessions ADD COLUMN method text NOT NULL DEFAULT 'password' CHECK (method IN ('password', 'totp', 'sso'))`,
      `ALTER TABLE sessions ADD COLUMN verified_at timestamptz`,
      `CREATE TABLE recovery_codes (
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`,
      `CREATE TABLE login_steps (
        token_hash text PRIMARY KEY,
        board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        user_id integer REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('code', 'sso')),
        data jsonb NOT NULL DEFAULT '{}',
        expires_at timestamptz NOT NULL
      )`,
      `CREATE INDEX audit_board_action_at ON audit_log (board_id, action, at DESC)`,
    ],
  },
];
