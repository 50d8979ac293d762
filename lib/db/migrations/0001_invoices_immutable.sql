-- An issued qualified invoice (適格請求書) is a legal document: once stored it is never edited or
-- deleted — a mistake is fixed by issuing a correction that refers to it. The code only ever
-- changes an invoice's payment status (issued → paid / overdue); the database now refuses
-- anything else, whatever code or person tries.
CREATE FUNCTION invoices_refuse_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'issued invoice % cannot be deleted; issue a correction instead', OLD.number
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  -- Every column but status, including any added later.
  IF (to_jsonb(NEW) - 'status') IS DISTINCT FROM (to_jsonb(OLD) - 'status') THEN
    RAISE EXCEPTION 'issued invoice % cannot be changed; only its payment status may', OLD.number
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_refuse_changes();
