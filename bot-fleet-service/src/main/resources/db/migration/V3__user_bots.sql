-- What a user's own bot says: the owner's welcome text and command -> reply pairs.
create table user_bot_settings (
    tenant_id    text        primary key,
    welcome_text text,
    commands     jsonb       not null default '[]'::jsonb,
    updated_at   timestamptz not null default now()
);

-- A person's message as the owner received it, so the owner's reply finds its way back even when
-- the person hides their account in forwards. Kept as long as the processed updates.
create table relayed_message (
    bot_id           bigint      not null,
    owner_chat_id    bigint      not null,
    owner_message_id bigint      not null,
    chat_id          bigint      not null,
    message_id       bigint      not null,
    relayed_at       timestamptz not null default now(),
    primary key (bot_id, owner_chat_id, owner_message_id)
);

create index relayed_message_relayed_at on relayed_message (relayed_at);
