-- People who signed in with Telegram. Their tenant, once they register a bot, is user:<telegram_id>.
create table platform_user (
    telegram_id       bigint      primary key,
    username          text,
    first_name        text,
    created_at        timestamptz not null default now(),
    last_sign_in_at   timestamptz not null default now()
);

-- Web sessions of signed-in people. Only the SHA-256 of the session cookie is kept; the CSRF token
-- is compared with the X-CSRF-Token header on every write made with the cookie.
create table web_session (
    id_sha256   bytea       primary key,
    telegram_id bigint      not null references platform_user (telegram_id),
    role        text        not null check (role in ('admin', 'user')),
    csrf_token  text        not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null
);
create index web_session_expires_at on web_session (expires_at);

-- Login data already used, by the SHA-256 of its hash, kept until it would be refused as stale
-- anyway: the same signed login cannot sign in twice.
create table used_login (
    hash_sha256 bytea       primary key,
    expires_at  timestamptz not null
);
create index used_login_expires_at on used_login (expires_at);

-- Personal API tokens of signed-in users: named, and owned by one person.
alter table api_credential add column name text;
alter table api_credential add column owner_telegram_id bigint references platform_user (telegram_id);
create index api_credential_owner on api_credential (owner_telegram_id) where owner_telegram_id is not null;
