-- Who may call the public API. Tokens are random and high-entropy, so a SHA-256 of the token is
-- enough to recognise one without keeping it.
create table api_credential (
    id           text        primary key,
    role         text        not null check (role in ('admin', 'user')),
    tenant_id    text,
    token_sha256 bytea       not null unique,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz
);
