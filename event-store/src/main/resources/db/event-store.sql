-- Event store shared by every event-sourced service. Idempotent: run at every start-up.
-- Statements are separated by lines holding only '--;;' (function bodies contain semicolons).
CREATE TABLE IF NOT EXISTS events (
    position        bigserial   PRIMARY KEY,
    stream_id       uuid        NOT NULL,
    stream_type     text        NOT NULL,
    version         bigint      NOT NULL CHECK (version > 0),
    event_id        uuid        NOT NULL UNIQUE,
    type            text        NOT NULL,
    schema_version  int         NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    actor           text        NOT NULL,
    causation_id    uuid,
    correlation_id  uuid,
    payload         jsonb       NOT NULL,
    prev_hash       text        NOT NULL,
    hash            text        NOT NULL,
    CONSTRAINT events_stream_version UNIQUE (stream_id, version)
)
--;;
CREATE INDEX IF NOT EXISTS events_stream_type_occurred ON events (stream_type, occurred_at)
--;;
-- The outbox: one row per event not yet acknowledged by Kafka. Filled by the database itself in the appending
-- transaction, so a row becomes visible to the relay exactly when its event commits, whatever the commit order.
CREATE TABLE IF NOT EXISTS event_publication (
    position bigint PRIMARY KEY REFERENCES events (position)
)
--;;
CREATE OR REPLACE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'event rows are immutable (% refused on events)', TG_OP USING ERRCODE = 'restrict_violation';
END
$$
--;;
CREATE OR REPLACE FUNCTION events_enqueue_publication() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_publication (position) VALUES (NEW.position);
    RETURN NEW;
END
$$
--;;
DROP TRIGGER IF EXISTS events_immutable ON events
--;;
CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_refuse_change()
--;;
DROP TRIGGER IF EXISTS events_no_truncate ON events
--;;
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()
--;;
DROP TRIGGER IF EXISTS events_outbox ON events
--;;
CREATE TRIGGER events_outbox AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION events_enqueue_publication()
