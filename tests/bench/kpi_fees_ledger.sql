-- A large ledger for timing the dashboard's fee figures (property_billing/models/property_kpi.py):
-- 20 estates of 5,000 units, billed monthly from February to November 2026 (1,000,000 bills),
-- 85 % paid in full and 5 % half paid 0-59 days after the bill (900,000 payments and
-- reconciliations), 10 % unpaid. Rows are written straight in SQL (the ORM would take hours);
-- the bills are well-formed for the figures' queries, not for Accounting's own checks.
-- Run it on a scratch COPY of a database with property_billing and its demo data (it takes the
-- sales and cash journals, the currency and the receivable account of a demo bill and payment):
--     createdb -T property_demo kpi_bench && psql -d kpi_bench -f tests/bench/kpi_fees_ledger.sql
-- then time property.kpi.get_dashboard() in `odoo-bin shell -d kpi_bench`. Never on property_demo.
\timing on
SELECT move.journal_id AS sale_journal, move.currency_id AS currency, line.account_id AS receivable
  FROM account_move move
  JOIN account_move_line line ON line.move_id = move.id AND line.display_type = 'payment_term'
 WHERE move.property_unit_id IS NOT NULL AND move.state = 'posted'
 LIMIT 1 \gset
SELECT journal_id AS cash_journal FROM account_move WHERE origin_payment_id IS NOT NULL LIMIT 1 \gset
BEGIN;
CREATE TEMP TABLE bench_estate AS
WITH ins AS (
  INSERT INTO property_estate (company_id, name, estate_type, code, active)
  SELECT 1, jsonb_build_object('en_US', 'BENCH ' || n), 'residential', 'BN' || n, TRUE
    FROM generate_series(1, 20) n
  RETURNING id)
SELECT id FROM ins;
CREATE TEMP TABLE bench_unit AS
WITH ins AS (
  INSERT INTO property_unit (estate_id, code, unit_type, state, gross_area, active)
  SELECT e.id, 'U' || n, 'apartment', 'occupied', 90, TRUE
    FROM bench_estate e CROSS JOIN generate_series(1, 5000) n
  RETURNING id, estate_id)
SELECT id, estate_id FROM ins;
INSERT INTO property_billing_period (company_id, name, state, date_start, date_end, invoice_date)
SELECT 1, to_char(d, 'YYYY-MM') || ' B', 'open', d, (d + interval '1 month - 1 day')::date, d
  FROM generate_series('2026-01-01'::date, '2026-08-01'::date, interval '1 month') d;
CREATE TEMP TABLE bench_bill AS
SELECT u.id AS unit_id, u.estate_id, p.id AS period_id, p.date_start AS day,
       200 + (u.id % 7) * 10 AS amount,
       CASE WHEN abs(hashtext(u.id || '-' || p.id)) % 100 < 85 THEN 'paid'
            WHEN abs(hashtext(u.id || '-' || p.id)) % 100 < 90 THEN 'partial'
            ELSE 'not_paid' END AS payment_state,
       abs(hashtext(p.id || '*' || u.id)) % 60 AS delay
  FROM bench_unit u
  JOIN property_billing_period p ON p.date_start BETWEEN '2026-02-01' AND '2026-11-01';
SELECT COUNT(*) FROM bench_bill;
ALTER TABLE bench_bill ADD COLUMN move_id int, ADD COLUMN line_id int, ADD COLUMN pay_move_id int, ADD COLUMN pay_line_id int, ADD COLUMN seq serial;
CREATE SEQUENCE bench_seq;
-- bills
WITH ins AS (
  INSERT INTO account_move (journal_id, currency_id, company_id, state, move_type, auto_post, date,
                            invoice_date, invoice_date_due, name, property_unit_id, property_estate_id,
                            property_period_id, amount_total_signed, amount_total, amount_residual_signed,
                            amount_residual, payment_state)
  SELECT :sale_journal, :currency, 1, 'posted', 'out_invoice', 'no', day, day, day + 15, 'BN/' || seq, unit_id, estate_id,
         period_id, amount, amount,
         CASE payment_state WHEN 'paid' THEN 0 WHEN 'partial' THEN amount / 2 ELSE amount END,
         CASE payment_state WHEN 'paid' THEN 0 WHEN 'partial' THEN amount / 2 ELSE amount END,
         payment_state
    FROM bench_bill
  RETURNING id, name)
UPDATE bench_bill SET move_id = ins.id FROM ins WHERE ins.name = 'BN/' || bench_bill.seq;
WITH ins AS (
  INSERT INTO account_move_line (move_id, currency_id, company_id, journal_id, account_id, display_type,
                                 date, balance, debit, credit, amount_currency, parent_state,
                                 company_currency_id, reconciled, amount_residual)
  SELECT move_id, :currency, 1, :sale_journal, :receivable, 'payment_term', day, amount, amount, 0, amount, 'posted', :currency,
         payment_state = 'paid',
         CASE payment_state WHEN 'paid' THEN 0 WHEN 'partial' THEN amount / 2 ELSE amount END
    FROM bench_bill
  RETURNING id, move_id)
UPDATE bench_bill SET line_id = ins.id FROM ins WHERE ins.move_id = bench_bill.move_id;
-- payments
WITH ins AS (
  INSERT INTO account_move (journal_id, currency_id, company_id, state, move_type, auto_post, date, name)
  SELECT :cash_journal, :currency, 1, 'posted', 'entry', 'no', day + delay, 'BP/' || seq
    FROM bench_bill WHERE payment_state <> 'not_paid'
  RETURNING id, name)
UPDATE bench_bill SET pay_move_id = ins.id FROM ins WHERE ins.name = 'BP/' || bench_bill.seq;
WITH ins AS (
  INSERT INTO account_move_line (move_id, currency_id, company_id, journal_id, account_id, display_type,
                                 date, balance, debit, credit, amount_currency, parent_state,
                                 company_currency_id, reconciled, amount_residual)
  SELECT pay_move_id, :currency, 1, :cash_journal, :receivable, 'product', day + delay,
         -CASE payment_state WHEN 'paid' THEN amount ELSE amount / 2 END, 0,
         CASE payment_state WHEN 'paid' THEN amount ELSE amount / 2 END,
         -CASE payment_state WHEN 'paid' THEN amount ELSE amount / 2 END, 'posted', :currency, TRUE, 0
    FROM bench_bill WHERE pay_move_id IS NOT NULL
  RETURNING id, move_id)
UPDATE bench_bill SET pay_line_id = ins.id FROM ins WHERE ins.move_id = bench_bill.pay_move_id;
INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, amount, debit_amount_currency,
                                       credit_amount_currency, max_date, company_id,
                                       debit_currency_id, credit_currency_id)
SELECT line_id, pay_line_id, CASE payment_state WHEN 'paid' THEN amount ELSE amount / 2 END,
       CASE payment_state WHEN 'paid' THEN amount ELSE amount / 2 END,
       CASE payment_state WHEN 'paid' THEN amount ELSE amount / 2 END,
       day + delay, 1, :currency, :currency
  FROM bench_bill WHERE pay_line_id IS NOT NULL;
COMMIT;
ANALYZE;
