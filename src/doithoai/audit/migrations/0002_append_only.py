"""The chain's head row, and on PostgreSQL triggers that keep the log append-only even for
SQL written around Django. (SQLite has no such guard: `audit verify` finds the damage.)"""

from django.db import migrations

EVENT_TABLE = "audit_auditevent"
HEAD_TABLE = "audit_auditchainhead"

INSTALL = f"""
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    -- Deleting a user sets actor_id to NULL (ON DELETE SET NULL); actor_label keeps the name
    -- and is what the hash covers, so that one change is allowed.
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
       AND to_jsonb(OLD) - 'actor_id' = to_jsonb(NEW) - 'actor_id' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit log is append-only: % on {EVENT_TABLE} refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON {EVENT_TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE OR REPLACE FUNCTION audit_head_forward_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.last_seq = OLD.last_seq + 1 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit chain head only moves forward one event at a time: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_head_forward_only
    BEFORE UPDATE OR DELETE ON {HEAD_TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
"""

UNINSTALL = f"""
DROP TRIGGER IF EXISTS audit_head_forward_only ON {HEAD_TABLE};
DROP FUNCTION IF EXISTS audit_head_forward_only();
DROP TRIGGER IF EXISTS audit_event_append_only ON {EVENT_TABLE};
DROP FUNCTION IF EXISTS audit_event_append_only();
"""


def create_head(apps, schema_editor):
    apps.get_model("audit", "AuditChainHead").objects.using(
        schema_editor.connection.alias
    ).get_or_create(pk=1)


def install_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INSTALL, params=None)


def uninstall_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNINSTALL, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, uninstall_triggers),
    ]
