create table tenant (
    id                     text        primary key,
    kind                   text        not null check (kind in ('MASTER', 'AGENT', 'USER')),
    name                   text        not null,
    status                 text        not null check (status in ('ACTIVE', 'PAUSED')),
    markup_kind            text        not null default 'PERCENT' check (markup_kind in ('PERCENT', 'FIXED')),
    markup_value           bigint      not null default 0 check (markup_value >= 0),
    holding_window_seconds bigint      check (holding_window_seconds >= 0),
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now()
);

create unique index tenant_single_master on tenant (kind) where kind = 'MASTER';

create table bot (
    tenant_id               text        primary key references tenant (id),
    bot_id                  bigint      not null unique,
    username                text,
    token_ciphertext        bytea       not null,
    token_hint              text        not null,
    status                  text        not null,
    status_reason           text,
    requests_per_second     integer     not null check (requests_per_second > 0),
    max_concurrent_requests integer     not null check (max_concurrent_requests > 0),
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    last_used_at            timestamptz
);

create index bot_status on bot (status);

create table audit_entry (
    id         bigserial   primary key,
    admin_id   text        not null,
    action     text        not null,
    target     text        not null,
    details    jsonb       not null default '{}',
    created_at timestamptz not null default now()
);

create index audit_entry_created_at on audit_entry (created_at);

-- The audit log is append-only: no code path may change or remove what an admin did.
create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end
$$;

create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
