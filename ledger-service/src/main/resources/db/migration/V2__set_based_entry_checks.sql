-- Payments are one statement each, and the benchmark (docs/benchmarks/ledger.md) showed the
-- per-row foreign-key checks of entry costing more than the rest of the posting: two lookups per
-- leg. entry_apply now checks a whole statement's legs at once — each in its transfer's currency
-- and its account's, on an existing balance row — so those keys and the indexes that only served
-- them go. Entries, transfers and accounts are never updated or deleted, so nothing can break the
-- references later.

alter table entry drop constraint entry_transfer_id_currency_fkey;
alter table entry drop constraint entry_account_id_currency_fkey;
alter table transfer drop constraint transfer_id_currency_key;
alter table account drop constraint account_id_currency_key;
-- Nothing looks entries up by transfer except reconciliation, which reads them all.
drop index entry_by_transfer;

create or replace function entry_apply() returns trigger
language plpgsql as $$
declare
    touched    integer;
    mismatched boolean;
    changed    integer;
begin
    if exists (select 1 from new_entries e left join transfer t on t.id = e.transfer_id
               group by e.transfer_id
               having count(*) < 2 or sum(e.amount) <> 0
                   or bool_or(t.id is null or t.currency <> e.currency)) then
        raise exception 'the legs of a transfer must be two or more in its currency summing to zero'
            using errcode = '23514', constraint = 'transfer_balanced';
    end if;
    select count(*), coalesce(bool_or(a.id is null or a.currency <> d.currency), false)
      into touched, mismatched
      from (select distinct account_id, slot, currency from new_entries) d
      left join account a on a.id = d.account_id;
    if mismatched then
        raise exception 'an entry must name an account of its currency'
            using errcode = '23514', constraint = 'entry_account_currency';
    end if;
    perform 1 from account_balance b
     where (b.account_id, b.slot) in (select account_id, slot from new_entries)
     order by b.account_id, b.slot
       for update;
    update account_balance b
       set balance = b.balance + d.amount
      from (select account_id, slot, sum(amount) as amount
              from new_entries group by account_id, slot) d
     where b.account_id = d.account_id and b.slot = d.slot;
    get diagnostics changed = row_count;
    if changed <> touched then
        raise exception 'an entry names a slot its account does not have'
            using errcode = '23503', constraint = 'entry_account_slot';
    end if;
    return null;
end $$;
