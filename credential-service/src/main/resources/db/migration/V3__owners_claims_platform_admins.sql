-- The Telegram users who run an agent: its bot gives them the agent's own commands.
create table agent_owner (
    tenant_id        text        not null references tenant (id),
    telegram_user_id bigint      not null check (telegram_user_id > 0),
    added_by         text        not null,
    added_at         timestamptz not null,
    primary key (tenant_id, telegram_user_id)
);

-- One-time links that make whoever opens them an owner of the agent. Only a SHA-256 of the code is
-- kept: the code is shown once, to the admin who made the link.
create table agent_claim (
    id          bigserial   primary key,
    tenant_id   text        not null references tenant (id),
    code_sha256 bytea       not null unique check (length(code_sha256) = 32),
    created_by  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    redeemed_by bigint      check (redeemed_by > 0),
    redeemed_at timestamptz,
    constraint agent_claim_redeemed_together check ((redeemed_by is null) = (redeemed_at is null))
);

create index agent_claim_tenant on agent_claim (tenant_id, id);

-- Platform admins added at run time; those of FLOTILLA_ADMIN_TELEGRAM_IDS are configuration and
-- never stored.
create table platform_admin (
    telegram_user_id bigint      primary key check (telegram_user_id > 0),
    added_by         text        not null,
    added_at         timestamptz not null
);
