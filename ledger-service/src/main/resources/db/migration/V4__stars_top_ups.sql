-- Telegram Stars top-ups: a second cash-in source next to the central payment channel. A Stars
-- top-up is an invoice priced at the operator's rate when it is created (amount, in the wallet's
-- currency, for this many Stars) and payable until expires_at; Telegram's
-- telegram_payment_charge_id is its provider_transaction_id, so one charge credits one top-up
-- whichever source it names. Its money comes in through platform_stars_in, so an operator tells
-- Stars money from central-channel money, and reconciliation checks each against its top-ups.

alter table top_up
    add column method     text        not null default 'central'
        check (method in ('central', 'stars')),
    add column stars      bigint,
    add column expires_at timestamptz,
    add constraint top_up_stars_invoice check (
        (method = 'stars') = (stars is not null and stars > 0 and expires_at is not null));

alter table account drop constraint account_kind_check;
alter table account add constraint account_kind_check check (kind in (
    'customer_wallet', 'agent_pending', 'agent_available', 'agent_held', 'agent_paid_out',
    'agent_receivable', 'platform_revenue', 'platform_cash_in', 'platform_stars_in'));
