-- entry_apply's statements join a statement's legs (a few, or a few hundred for a batch of
-- payments) to account, account_balance and transfer. Their plans are made once per connection,
-- for the size of the first statement's legs, and the benchmark (docs/benchmarks/inventory.md)
-- found them hashing or merging with whole-table scans: every batch read all of account and
-- account_balance twice, which grows with every customer's wallet. Probing the indexes once per
-- leg is the right plan at any size a statement has, so the trigger plans only nested loops.

alter function entry_apply() set enable_hashjoin = off;
alter function entry_apply() set enable_mergejoin = off;
