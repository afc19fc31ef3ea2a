-- Events waiting to be relayed to Kafka, written in the same transaction as the change they report.
create table outbox_event (
    id          bigserial   primary key,
    event_id    uuid        not null unique,
    event_type  text        not null,
    topic       text        not null,
    message_key text        not null,
    envelope    jsonb       not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);

create index outbox_event_unsent on outbox_event (id) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- Events a consumer has applied, recorded in the same transaction as the effect.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
