-- deal-service query tables, updated in the same transaction as the events (inline projection). Idempotent.
CREATE TABLE IF NOT EXISTS deal_view (
    id                  uuid        PRIMARY KEY,
    customer_id         uuid        NOT NULL,
    owner_id            uuid        NOT NULL,
    title               text        NOT NULL,
    amount              numeric(19, 4) NOT NULL,
    currency            char(3)     NOT NULL,
    expected_close_date date        NOT NULL,
    stage               int         NOT NULL,
    buyer_stage         int,
    misaligned          boolean     NOT NULL,
    status              text        NOT NULL,
    opened_at           timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL,
    document            jsonb       NOT NULL
)
--;;
CREATE INDEX IF NOT EXISTS deal_view_list ON deal_view (opened_at DESC, id DESC)
--;;
CREATE INDEX IF NOT EXISTS deal_view_owner ON deal_view (owner_id)
--;;
CREATE INDEX IF NOT EXISTS deal_view_customer ON deal_view (customer_id)
--;;
-- Who may see a deal besides managers: its owner and every holder of one of its stage roles.
CREATE TABLE IF NOT EXISTS deal_participant (
    deal_id  uuid NOT NULL REFERENCES deal_view (id),
    staff_id uuid NOT NULL,
    PRIMARY KEY (deal_id, staff_id)
)
--;;
CREATE INDEX IF NOT EXISTS deal_participant_staff ON deal_participant (staff_id)
--;;
-- What deal-service knows of customers, staff and teams, from customer-events and staff-events (customer-service
-- owns them). `version` is the last stream version applied: redeliveries are ignored.
CREATE TABLE IF NOT EXISTS known_customer (
    id       uuid   PRIMARY KEY,
    owner_id uuid,
    status   text,
    version  bigint NOT NULL
)
--;;
CREATE TABLE IF NOT EXISTS known_staff (
    id           uuid   PRIMARY KEY,
    team_id      uuid,
    departed     boolean NOT NULL DEFAULT false,
    departure_id uuid,
    version      bigint NOT NULL
)
--;;
CREATE INDEX IF NOT EXISTS known_staff_team ON known_staff (team_id)
--;;
CREATE TABLE IF NOT EXISTS known_team (
    id         uuid   PRIMARY KEY,
    manager_id uuid,
    version    bigint NOT NULL
)
--;;
CREATE INDEX IF NOT EXISTS known_team_manager ON known_team (manager_id)
--;;
-- A manager's decision, in a departure's handover, that one open deal goes to a named new owner instead of following
-- its account (customer-service's handover.item-assigned for a DEAL item). Applied when it arrives, and again by
-- follow-the-account and by the departure itself, whichever deal-service learns of last.
CREATE TABLE IF NOT EXISTS handover_decision (
    deal_id      uuid PRIMARY KEY,
    departure_id uuid NOT NULL,
    new_owner_id uuid NOT NULL
)
--;;
CREATE INDEX IF NOT EXISTS handover_decision_departure ON handover_decision (departure_id)
